import type { FastifyRequest } from 'fastify';

export const idParam = (req: FastifyRequest) => (req.params as { id: string }).id;
