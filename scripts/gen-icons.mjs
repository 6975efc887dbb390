#!/usr/bin/env node
// Renders public/icon.svg into the PNG icons the web manifest lists (public/icon-192.png,
// icon-512.png, and a maskable 512 px icon with the safe-zone padding), with Debian's Chromium.
// Run after changing the SVG: `node scripts/gen-icons.mjs`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const pub = fileURLToPath(new URL('../public/', import.meta.url));
const svg = readFileSync(`${pub}icon.svg`, 'utf8');

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const { file, size, maskable } of [
  { file: 'icon-192.png', size: 192, maskable: false },
  { file: 'icon-512.png', size: 512, maskable: false },
  { file: 'icon-maskable-512.png', size: 512, maskable: true },
]) {
  await page.setViewportSize({ width: size, height: size });
  // Maskable icons are cropped to a circle of 80 % of the size: the drawing sits inside it.
  const inner = maskable ? Math.round(size * 0.7) : size;
  const background = maskable ? '#0b63c5' : 'transparent';
  await page.setContent(
    `<body style="margin:0;display:grid;place-items:center;width:${size}px;height:${size}px;background:${background}">` +
      `<div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body>`,
  );
  await page.screenshot({ path: `${pub}${file}`, omitBackground: !maskable });
  console.log(`public/${file}: ${size}×${size}`);
}
await browser.close();
