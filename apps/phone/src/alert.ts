/**
 * Tells a resident their number is called, as far as the phone lets a page: vibration, a short chime
 * (browsers allow sound only after the page was touched once), a flash, and the tab's title.
 */
export function alertCalled(root: HTMLElement, title: string): void {
  navigator.vibrate?.([400, 200, 400, 200, 400]);
  chime();
  root.classList.remove('flash');
  // Restart the animation: reading layout between the two changes makes the browser see both.
  void root.offsetWidth;
  root.classList.add('flash');
  document.title = title;
}

let audio: AudioContext | undefined;

/** Unlocks sound on the first touch, so a later call can chime. */
export function primeSound(): void {
  const unlock = () => {
    audio ??= new AudioContext();
    void audio.resume();
  };
  window.addEventListener('pointerdown', unlock, { once: true });
}

function chime(): void {
  if (audio === undefined || audio.state !== 'running') return;
  const now = audio.currentTime;
  for (const [i, freq] of [880, 660, 880].entries()) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.25, now + i * 0.35);
    gain.gain.exponentialRampToValueAtTime(0.001, now + i * 0.35 + 0.3);
    osc.connect(gain).connect(audio.destination);
    osc.start(now + i * 0.35);
    osc.stop(now + i * 0.35 + 0.32);
  }
}
