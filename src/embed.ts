// Entry of the embed page (embed.html): a minimal view for docs and training pages.
import { mount } from 'svelte';
import './ui/app.css';
import Embed from './ui/Embed.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('embed.html has no #app element');
export default mount(Embed, { target });
