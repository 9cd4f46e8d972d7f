import type {
  CardEvent,
  KioskBridge,
  KioskSettingsResult,
  PairOutcome,
  PrinterState,
  PrintOutcome,
} from '@onewindow/protocol';
import { kioskChannels } from '@onewindow/protocol/kiosk-channels';
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';

/** The renderer's only way to the main process: the bridge contract, nothing of ipcRenderer itself. */
const bridge: KioskBridge = {
  settings: () => ipcRenderer.invoke(kioskChannels.settings) as Promise<KioskSettingsResult>,
  pair: (code) => ipcRenderer.invoke(kioskChannels.pair, code) as Promise<PairOutcome>,
  print: (job) => ipcRenderer.invoke(kioskChannels.print, job) as Promise<PrintOutcome>,
  printerStatus: () => ipcRenderer.invoke(kioskChannels.printerStatus) as Promise<PrinterState>,
  onCard(listener) {
    const forward = (_e: IpcRendererEvent, event: CardEvent) => listener(event);
    ipcRenderer.on(kioskChannels.card, forward);
    return () => {
      ipcRenderer.removeListener(kioskChannels.card, forward);
    };
  },
};

contextBridge.exposeInMainWorld('onewindowKiosk', bridge);
