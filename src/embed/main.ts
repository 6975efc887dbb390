// Entry of the embed page (embed.html): a light first load for docs and training pages. Only the
// static view, the worker client and the small results panel are in this bundle; Monaco is
// imported on demand (see Embed.svelte).
import '../security/trusted-types';
import { mount } from 'svelte';
import '../ui/app.css';
import Embed from './Embed.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('embed.html has no #app element');
export default mount(Embed, { target });

// No service worker here (src/sw/register.ts says why).
