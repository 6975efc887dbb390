// Auto-height: inside an iframe, the embed tells its parent how tall its content is, whenever that
// changes, with { type: 'dockerfile-playground:height', height }. The host page's few-line script
// (docs/embedding.md) sets the frame's height from it; without that script the frame keeps its fixed
// height and the embed scrolls inside it. The message carries only a number, so any origin may
// receive it ('*'): nothing of the Dockerfile leaves the frame this way.

export const HEIGHT_MESSAGE = 'dockerfile-playground:height';

export function reportHeight(element: HTMLElement): () => void {
  if (window.parent === window || typeof ResizeObserver === 'undefined') return () => {};
  let last = -1;
  let frame = 0;
  const send = () => {
    frame = 0;
    const height = Math.ceil(element.getBoundingClientRect().height);
    if (height === last || height <= 0) return;
    last = height;
    window.parent.postMessage({ type: HEIGHT_MESSAGE, height }, '*');
  };
  const observer = new ResizeObserver(() => {
    if (!frame) frame = requestAnimationFrame(send);
  });
  observer.observe(element);
  send();
  return () => {
    observer.disconnect();
    if (frame) cancelAnimationFrame(frame);
  };
}
