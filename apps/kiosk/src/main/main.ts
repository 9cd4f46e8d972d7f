import { startKiosk } from './app.js';

void startKiosk();
