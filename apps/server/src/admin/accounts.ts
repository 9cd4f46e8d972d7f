import { randomBytes } from 'node:crypto';
import { newHall } from '@onewindow/domain';
import type { Person, SetupRequest, UserCreate, UserUpdate } from '@onewindow/protocol';
import { hashSecret, type LockoutPolicy, lockState, recordFailure, verifySecret } from '../credentials.js';
import { sha256Hex } from '../deps.js';
import { CommandError } from '../errors.js';
import { ancestorsOf, subtreeOf } from '../hall-tree.js';
import type { HallRegistry } from '../registry.js';
import type { UserRecord } from '../store/admin-types.js';
import type { ConfigService } from './config-service.js';
import type { Actor, AdminDeps } from './types.js';

/** The console's session cookie: the HTTP console and its Socket.IO connection both read it. */
export const SESSION_COOKIE = 'ow_session';

/** Five wrong passwords in a row lock the account for fifteen minutes, across restarts. */
export const LOGIN_LOCKOUT: LockoutPolicy = { tries: 5, lockMs: 15 * 60_000 };
/** A console session lasts a working day; then the person signs in again. */
export const SESSION_MS = 12 * 3_600_000;
const SETUP_KEY = 'setupCodeSha256';

export const personOf = (u: UserRecord): Person => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  hallId: u.hallId,
  disabled: u.disabled,
});

export const actorOf = (p: Person): Actor => ({ id: p.id, name: p.displayName });

/**
 * Which halls a person may see: their hall and every hall below it (a county's center administrator
 * sees its townships and villages); null means every hall of the deployment.
 */
export const hallsOf = (p: Person, halls: HallRegistry): string[] | null =>
  p.hallId === null ? null : subtreeOf(halls, p.hallId);
const within = (p: Person, hallId: string, halls: HallRegistry): boolean =>
  p.hallId === null || p.hallId === hallId || ancestorsOf(halls, hallId).includes(p.hallId);
export const mayRead = (p: Person, hallId: string, halls: HallRegistry): boolean => within(p, hallId, halls);
/** Center administrators change the halls they see; a hall manager changes their own hall only. */
export const mayWrite = (p: Person, hallId: string, halls: HallRegistry): boolean =>
  (p.role === 'centerAdmin' && within(p, hallId, halls)) || (p.role === 'hallManager' && p.hallId === hallId);

/**
 * People who run halls: the first center administrator (created with the one-time code the server
 * prints at its first start), sign-in with a lockout kept in the store, sessions, accounts.
 */
export class Accounts {
  constructor(
    private readonly deps: AdminDeps,
    private readonly halls: HallRegistry,
    private readonly config: ConfigService,
  ) {}

  /** With no account yet, a fresh one-time code to create the first administrator; else null. */
  async setupCode(): Promise<string | null> {
    const users = await this.deps.store.read((tx) => tx.admin.listUsers());
    if (users.length > 0) return null;
    const code = randomBytes(9).toString('base64url');
    await this.deps.store.transaction((tx) => tx.admin.putSetting(SETUP_KEY, sha256Hex(code)));
    return code;
  }

  async setupNeeded(): Promise<boolean> {
    return (await this.deps.store.read((tx) => tx.admin.listUsers())).length === 0;
  }

  /** Creates the first center administrator (and their first hall, unless the seed brought it). */
  async setup(req: SetupRequest): Promise<{ person: Person; token: string }> {
    const hash = await hashSecret(req.password);
    const now = this.deps.clock.now();
    const user: UserRecord = {
      id: this.deps.ids.uuid(),
      username: req.username,
      displayName: req.displayName,
      role: 'centerAdmin',
      hallId: null,
      passwordHash: hash,
      createdAt: now,
      disabled: false,
    };
    const actor = { id: user.id, name: user.displayName };
    let createdHall = false;
    await this.deps.store.transaction(async (tx) => {
      const stored = await tx.admin.getSetting(SETUP_KEY);
      if ((await tx.admin.listUsers()).length > 0 || stored === undefined || stored !== sha256Hex(req.code)) {
        throw new CommandError(
          'SETUP_DONE',
          'the first administrator exists already, or the setup code is wrong',
        );
      }
      await tx.admin.putUser(user);
      await tx.admin.deleteSetting(SETUP_KEY);
      await this.config.audit(tx, actor, null, 'user.create', `user:${user.username}`, null, personOf(user));
      createdHall = !this.halls.has(req.hall.id) && this.halls.all().length === 0;
      if (createdHall) {
        await this.config.createHall(
          {
            hall: newHall(req.hall),
            categories: [],
            matters: [],
            windows: [],
            staff: [],
          },
          actor,
          tx,
        );
      }
    });
    return { person: personOf(user), token: await this.newSession(user.id) };
  }

  /** Signs a person in; the same answer for an unknown user, a wrong password or a disabled account. */
  async login(username: string, password: string): Promise<{ person: Person; token: string }> {
    const key = `login:${username.toLowerCase()}`;
    const now = this.deps.clock.now();
    const { user, state } = await this.deps.store.read(async (tx) => ({
      user: await tx.admin.getUserByName(username.toLowerCase()),
      state: await lockState(tx.admin, key, now, LOGIN_LOCKOUT),
    }));
    if (state.locked) {
      throw new CommandError('WRONG_CREDENTIALS', 'too many wrong passwords; try again later', {
        retryAt: state.until,
      });
    }
    // An unknown user costs the same time as a wrong password: no way to find out who exists.
    const good = await verifySecret(password, user?.passwordHash ?? DUMMY_HASH);
    if (user === undefined || !good || user.disabled) {
      // Every failed sign-in is in the audit log, for administrators to see who is trying what.
      const { triesLeft, until } = await this.deps.store.transaction(async (tx) => {
        const failure = await recordFailure(tx.admin, key, now, LOGIN_LOCKOUT);
        await this.config.audit(
          tx,
          { id: 'anonymous', name: '—' },
          user?.hallId ?? null,
          'session.loginFailed',
          `user:${username.toLowerCase().slice(0, 40)}`,
          null,
          { known: user !== undefined, locked: failure.triesLeft === 0 },
        );
        return failure;
      });
      throw new CommandError(
        'WRONG_CREDENTIALS',
        'wrong username or password',
        triesLeft > 0 ? { triesLeft } : { retryAt: until },
      );
    }
    await this.deps.store.transaction(async (tx) => {
      await tx.admin.deleteLockout(key);
      await this.config.audit(
        tx,
        actorOf(personOf(user)),
        null,
        'session.login',
        `user:${user.username}`,
        null,
        null,
      );
    });
    return { person: personOf(user), token: await this.newSession(user.id) };
  }

  private async newSession(userId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = this.deps.clock.now();
    await this.deps.store.transaction((tx) =>
      tx.admin.putSession(sha256Hex(token), userId, now, now + SESSION_MS),
    );
    return token;
  }

  /** The person behind a session cookie, if the session is current and the account active. */
  async person(token: string | undefined): Promise<Person | undefined> {
    if (token === undefined || token.length < 20 || token.length > 100) return undefined;
    const now = this.deps.clock.now();
    return this.deps.store.read(async (tx) => {
      const s = await tx.admin.getSession(sha256Hex(token));
      if (s === undefined || s.expiresAt <= now) return undefined;
      const u = await tx.admin.getUser(s.userId);
      return u === undefined || u.disabled ? undefined : personOf(u);
    });
  }

  async logout(token: string | undefined): Promise<void> {
    if (token === undefined) return;
    await this.deps.store.transaction((tx) => tx.admin.deleteSession(sha256Hex(token)));
  }

  async list(): Promise<Person[]> {
    return (await this.deps.store.read((tx) => tx.admin.listUsers())).map(personOf);
  }

  async create(input: UserCreate, actor: Actor): Promise<Person> {
    if (input.hallId !== null && !this.halls.has(input.hallId)) {
      throw new CommandError('VALIDATION_FAILED', `unknown hall "${input.hallId}"`, {
        issues: [{ path: 'hallId', message: `unknown hall "${input.hallId}"` }],
      });
    }
    const user: UserRecord = {
      id: this.deps.ids.uuid(),
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      hallId: input.hallId,
      passwordHash: await hashSecret(input.password),
      createdAt: this.deps.clock.now(),
      disabled: false,
    };
    await this.deps.store.transaction(async (tx) => {
      if ((await tx.admin.getUserByName(user.username)) !== undefined) {
        throw new CommandError('VALIDATION_FAILED', `username "${user.username}" is taken`, {
          issues: [{ path: 'username', message: `"${user.username}" is taken` }],
        });
      }
      await tx.admin.putUser(user);
      await this.config.audit(
        tx,
        actor,
        user.hallId,
        'user.create',
        `user:${user.username}`,
        null,
        personOf(user),
      );
    });
    return personOf(user);
  }

  async update(userId: string, change: UserUpdate, actor: Actor): Promise<Person> {
    const hash = change.password === undefined ? undefined : await hashSecret(change.password);
    return this.deps.store.transaction(async (tx) => {
      const u = await tx.admin.getUser(userId);
      if (u === undefined)
        throw new CommandError('NOT_FOUND', `user "${userId}" does not exist`, { user: userId });
      const next: UserRecord = {
        ...u,
        ...(change.displayName === undefined ? {} : { displayName: change.displayName }),
        ...(change.disabled === undefined ? {} : { disabled: change.disabled }),
        ...(hash === undefined ? {} : { passwordHash: hash }),
      };
      await tx.admin.putUser(next);
      // A new password or a disabled account ends every open session of that person.
      if (hash !== undefined || next.disabled) await tx.admin.deleteSessionsOf(u.id);
      const { password: _p, ...what } = change;
      await this.config.audit(tx, actor, u.hallId, 'user.update', `user:${u.username}`, personOf(u), {
        ...personOf(next),
        ...(hash === undefined ? {} : { passwordChanged: true }),
        ...what,
      });
      return personOf(next);
    });
  }
}

/** A hash nobody's password matches, verified when the user does not exist so timing tells nothing. */
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
