import { chromium } from 'playwright-core';
import { writeFileSync } from 'node:fs';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--allow-file-access-from-files'] });
const p = await b.newPage({ viewport: { width: 1000, height: 1300 } });
const [n, y, x] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4] || 330)];
writeFileSync('/tmp/crop.html', `<body style="margin:0"><img style="position:absolute;left:-${x}px;top:-${y}px" src="file:///work/wt-team/target/e2e-screenshots/${n}.png">`);
await p.goto('file:///tmp/crop.html');
await p.screenshot({ path: `/tmp/${n}-${y}.png` });
await b.close();
