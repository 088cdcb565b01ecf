// The sandboxed preload (bundled to dist/main/preload.cjs): exposes window.kiosk, built
// from the contract, and nothing else: no ipcRenderer, no Node.
import { contextBridge, ipcRenderer } from 'electron';
import { buildKioskApi } from '../preload/build-api';
import { createIpcTransport } from './ipc-transport';

contextBridge.exposeInMainWorld('kiosk', buildKioskApi(createIpcTransport(ipcRenderer)));
