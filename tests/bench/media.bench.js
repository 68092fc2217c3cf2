'use strict';
/**
 * Media benchmark (not a test): `npm run bench:media`.
 * Boots the compiled app on a throwaway SQLite database and measures, over real HTTP:
 *  1. one 12-megapixel JPEG processed into every format: time and peak memory;
 *  2. images per minute, one upload at a time and two at a time;
 *  3. read latency of a public API route and event-loop delay, idle and while uploads run.
 * BENCH_IMAGES (default 6) sets how many images the throughput runs upload.
 */
const crypto = require('node:crypto');
const os = require('node:os');
const { monitorEventLoopDelay } = require('node:perf_hooks');
const sharp = require('sharp');

const { bootBenchApp } = require('./benchApp');

const IMAGES = Number(process.env.BENCH_IMAGES ?? 6);

/** A photo-like 4000×3000 JPEG: smooth shapes plus grain, so encoders work as hard as on a real photo. */
const makePhoto = async (seed) => {
  const [width, height] = [4000, 3000];
  const base = await sharp(crypto.randomBytes(160 * 120 * 3), { raw: { width: 160, height: 120, channels: 3 } })
    .resize(width, height, { kernel: 'cubic' })
    .raw()
    .toBuffer();
  const grain = Buffer.alloc(width * height);
  for (let i = 0; i < grain.length; i++) grain[i] = 128 + ((((i * 2654435761) ^ seed) >>> 24) % 25) - 12;
  return sharp(base, { raw: { width, height, channels: 3 } })
    .composite([{ input: grain, raw: { width, height, channels: 1 }, blend: 'overlay' }])
    .jpeg({ quality: 88 })
    .toBuffer();
};

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const ms = (n) => `${n.toFixed(1)} ms`;
const mb = (bytes) => `${Math.round(bytes / 1024 / 1024)} MB`;

const main = async () => {
  const { strapi, port, stop } = await bootBenchApp();
  const base = `http://127.0.0.1:${port}`;
  const { accessKey } = await strapi
    .service('admin::api-token')
    .create({ name: `bench-${Date.now()}`, type: 'full-access', lifespan: null });
  const auth = { Authorization: `Bearer ${accessKey}` };

  for (let i = 0; i < 20; i++) {
    await fetch(`${base}/api/articles?locale=fr&status=published`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ data: { title: `Article ${i}`, kind: 'news', standfirst: 'Résumé.' } }),
    });
  }

  const photos = await Promise.all(Array.from({ length: IMAGES }, (_, i) => makePhoto(i + 1)));
  const upload = async (buffer, name) => {
    const form = new FormData();
    form.append('files', new Blob([buffer], { type: 'image/jpeg' }), name);
    const response = await fetch(`${base}/api/upload`, { method: 'POST', headers: auth, body: form });
    if (response.status !== 201) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
    return (await response.json())[0];
  };
  const read = async () => {
    const started = performance.now();
    const response = await fetch(`${base}/api/articles?locale=fr&pagination[pageSize]=10`);
    await response.arrayBuffer();
    return performance.now() - started;
  };

  // Warm-up: the first sharp call loads codecs.
  await upload(
    await sharp({ create: { width: 800, height: 600, channels: 3, background: 'grey' } })
      .jpeg()
      .toBuffer(),
    'warmup.jpg'
  );

  // 1. One 12 MP image.
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10);
  const loadBefore = os.loadavg()[0];
  let started = performance.now();
  const cpuBefore = process.cpuUsage();
  const file = await upload(photos[0], 'photo-12mp.jpg');
  const single = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  const formatCount = Object.keys(file.formats).length;

  // 2. Throughput, sequential and two at a time.
  started = performance.now();
  for (let i = 0; i < IMAGES; i++) await upload(photos[i], `seq-${i}.jpg`);
  const sequential = performance.now() - started;
  started = performance.now();
  const queue = photos.map((photo, i) => [photo, `par-${i}.jpg`]);
  await Promise.all(
    [0, 1].map(async () => {
      while (queue.length) {
        const [photo, name] = queue.shift();
        await upload(photo, name);
      }
    })
  );
  const parallel = performance.now() - started;

  // 3. Read latency and event-loop delay, idle then under upload.
  const measureReads = async (durationMs) => {
    const latencies = [];
    const until = performance.now() + durationMs;
    while (performance.now() < until) {
      latencies.push(await read());
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return latencies;
  };
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const idle = await measureReads(3000);
  const idleLoop = { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 };
  loop.reset();
  let uploading = true;
  const uploads = (async () => {
    for (let i = 0; i < 3; i++) await upload(photos[i], `busy-${i}.jpg`);
    uploading = false;
  })();
  const busy = [];
  while (uploading) {
    busy.push(await read());
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await uploads;
  const busyLoop = { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 };
  loop.disable();

  const report = [
    `Machine: ${os.cpus().length} × ${os.cpus()[0].model}, Node ${process.version}, sharp ${sharp.versions.sharp} (libvips ${sharp.versions.vips})`,
    `Load average (1 min) before the runs: ${loadBefore.toFixed(2)}, after: ${os.loadavg()[0].toFixed(2)} (other processes share the cores)`,
    `One 4000×3000 JPEG (${(photos[0].length / 1e6).toFixed(1)} MB) → ${formatCount} formats + placeholder: ${(single / 1000).toFixed(2)} s wall, ` +
      `${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU, ` +
      `peak RSS ${mb(peakRss)} (${mb(peakRss - rssBefore)} above the ${mb(rssBefore)} before it)`,
    `Throughput, ${IMAGES} images one at a time: ${((IMAGES / sequential) * 60000).toFixed(1)} images/min (${(sequential / IMAGES / 1000).toFixed(2)} s each)`,
    `Throughput, ${IMAGES} images two at a time: ${((IMAGES / parallel) * 60000).toFixed(1)} images/min`,
    `GET /api/articles idle (${idle.length} reads): p50 ${ms(percentile(idle, 50))}, p95 ${ms(percentile(idle, 95))}, max ${ms(Math.max(...idle))}; event-loop delay p99 ${ms(idleLoop.p99)}, max ${ms(idleLoop.max)}`,
    `GET /api/articles during uploads (${busy.length} reads): p50 ${ms(percentile(busy, 50))}, p95 ${ms(percentile(busy, 95))}, max ${ms(Math.max(...busy))}; event-loop delay p99 ${ms(busyLoop.p99)}, max ${ms(busyLoop.max)}`,
  ];
  console.log(`\n${report.join('\n')}\n`);

  await stop();
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
