// Entry of the playground page (index.html).
import './security/trusted-types';
import { mount } from 'svelte';
import './ui/app.css';
import App from './ui/App.svelte';
import { registerServiceWorker } from './sw/register';

performance.mark('app-start');
const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
export default mount(App, { target });

// Offline: after the first visit the app works with no network (production builds only).
registerServiceWorker();
