import Table from 'cli-table3';
import type { BenchRow } from './report';
import { failuresOf } from './stats-load';
import type { ScaleResult, StatsBenchResult } from './stats-results';

const plays = (n: number) => `${n.toLocaleString('en')} plays`;

/** The bench's own tables: one line per route and zone, then the after-a-run window and the larger history. */
export function printStatsTables(r: StatsBenchResult): void {
  const scaleTable = (scale: ScaleResult, full: boolean) => {
    const head = ['route', 'zone', 'p50 ms', 'p99 ms', 'p99 ÷ own', 'req/s gateway', 'source'];
    const table = new Table({
      head: full ? [...head, 'gw/direct', 'bare proxy/direct', 'raw SQL ms (2023)', 'cold ms', 'pass'] : [...head, 'pass'],
    });
    for (const route of scale.routes) {
      const rows = [{ zone: 'own', gateway: route.gateway, ratioToOwn: 1, source: route.source }, ...route.zones];
      rows.forEach((z, i) => {
        const cells = [i ? '' : route.route, z.zone, z.gateway.p50, z.gateway.p99, z.ratioToOwn, z.gateway.rps, z.source];
        const extra = full
          ? i
            ? ['', '', '', '']
            : [route.throughputRatio ?? '', route.bareProxyRatio ?? '', route.rawSqlMs ?? '', route.coldMs ?? '']
          : [];
        table.push([...cells, ...extra, i ? '' : route.pass ? 'yes' : 'NO']);
      });
    }
    return table.toString();
  };
  const m = r.machine;
  console.log(`Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GiB, load average at start ${m.loadAverageAtStart.join(' ')}`);
  console.log(`${plays(r.main.plays)}, account's zone Europe/Berlin (own), other zones through the gateway:`);
  console.log(scaleTable(r.main, true));
  const a = r.afterRun;
  console.log(
    `Right after a ${a.pollPlays}-play poll's run (${a.transformSeconds.toFixed(2)} s): p50 ${a.after.p50} ms, p99 ${a.after.p99} ms over ${a.windowSeconds} s ` +
      `(before the poll: p99 ${a.before.p99} ms); visible after ${a.visibility.map((v) => `${v.zone} ${v.seconds ?? 'never'} s`).join(', ')}`,
  );
  if (r.big) {
    console.log(`${plays(r.big.plays)} (one round per zone):`);
    console.log(scaleTable(r.big, false));
    const g = r.big.growth;
    console.log(
      `Growth from ${plays(r.main.plays)}: index build ${g.indexBuild}×, RSS ${g.rss}×, worst p99 ${g.worstP99}×; ` +
        `per play: marts full refresh ${g.martsBuildPerPlay}×, storage ${g.storagePerPlay}×`,
    );
  }
}

const perPlay = (bytes: number, scale: ScaleResult) => Math.round(bytes / scale.plays);

function scaleRows(scale: ScaleResult, label: string): BenchRow[] {
  const { storage } = scale;
  return [
    {
      bench: 'stats',
      metric: `${label}: PostgreSQL bytes per play after the full refresh (whole database)`,
      value: `${perPlay(storage.database, scale)} B`,
      baseline: `raw ${perPlay(storage.raw, scale)} B + marts ${perPlay(storage.marts, scale)} B per play; ${(storage.database / 2 ** 30).toFixed(2)} GiB`,
      target: '< 1024 B',
      pass: storage.database / scale.plays < 1024,
    },
    {
      bench: 'stats',
      metric: `${label}: index build (stats-api start → first answer from memory)`,
      value: `${scale.indexBuildSeconds.toFixed(1)} s`,
      baseline: `marts full refresh ${scale.martsBuildSeconds.toFixed(1)} s`,
      target: '',
      pass: null,
    },
    {
      bench: 'stats',
      metric: `${label}: stats-api RSS after build / after the load (peak)`,
      value: `${scale.memory.afterBuild.rssMb} / ${scale.memory.afterLoad.rssMb} MB (${scale.memory.afterLoad.peakRssMb} MB)`,
      baseline: '',
      target: '',
      pass: null,
    },
    {
      bench: 'stats',
      metric: `${label}: first answer in another zone (all-time summary)`,
      value: Object.entries(scale.firstAnswerMs)
        .map(([zone, f]) => `${zone} ${f.ms} ms`)
        .join('; '),
      baseline: '',
      target: '',
      pass: null,
    },
  ];
}

/** The stats bench's lines of the combined report (main.ts). */
export function statsRows(r: StatsBenchResult): BenchRow[] {
  const size = plays(r.main.plays);
  const m = r.machine;
  const rows: BenchRow[] = [
    {
      bench: 'stats',
      metric: 'machine',
      value: `${m.cores} cores (${m.cpu}), load average at start ${m.loadAverageAtStart.join(' ')}`,
      baseline: '',
      target: '',
      pass: null,
    },
    ...scaleRows(r.main, size),
  ];
  for (const route of r.main.routes) {
    const own = route.gateway;
    rows.push(
      {
        bench: 'stats',
        metric: `${route.route}: p99 via gateway (p50), own zone, ${size}`,
        value: `${own.p99} ms (${own.p50} ms)${failuresOf(own) ? `; ${failuresOf(own)}` : ''}`,
        baseline: route.rawSqlMs === null ? '' : `raw SQL ${route.rawSqlMs} ms`,
        target: '< 50 ms',
        pass: own.p99 < 50 && !failuresOf(own),
      },
      {
        bench: 'stats',
        metric: `${route.route}: p99 in ${route.zones.map((z) => z.zone).join(' / ')}`,
        value: route.zones
          .map((z) => `${z.gateway.p99} ms (${z.ratioToOwn}×)${failuresOf(z.gateway) ? ` ${failuresOf(z.gateway)}` : ''}`)
          .join(' / '),
        baseline: `own zone ${own.p99} ms; source ${[route.source, ...route.zones.map((z) => z.source)].join(' / ')}`,
        target: '< 50 ms, ≤ 1.5× own',
        pass: route.zones.every((z) => z.gateway.p99 < 50 && z.ratioToOwn <= 1.5 && !failuresOf(z.gateway)),
      },
      {
        bench: 'stats',
        metric: `${route.route}: throughput via gateway`,
        value: `${route.gateway.rps} req/s`,
        baseline: `direct ${route.direct?.rps} req/s (${Math.round((route.throughputRatio ?? 0) * 100)}%); bare proxy ${Math.round((route.bareProxyRatio ?? 0) * 100)}%`,
        target: '≥ 80% of direct',
        pass: (route.throughputRatio ?? 0) >= 0.8,
      },
    );
  }
  const a = r.afterRun;
  rows.push(
    {
      bench: 'stats',
      metric: `right after a ${a.pollPlays}-play poll's run: p99 (p50) over ${a.windowSeconds} s, every route, ${(r.main.routes[0]?.zones.length ?? 0) + 1} zones`,
      value: `${a.after.p99} ms (${a.after.p50} ms)${failuresOf(a.after) ? `; ${failuresOf(a.after)}` : ''}`,
      baseline: `before the poll ${a.before.p99} ms (${a.before.p50} ms); run ${a.transformSeconds.toFixed(2)} s`,
      target: '< 50 ms',
      pass: a.after.p99 < 50 && !failuresOf(a.after),
    },
    {
      bench: 'stats',
      metric: `right after a run: new plays visible (run end → summary counts them)`,
      value: a.visibility.map((v) => `${v.zone} ${v.seconds === null ? 'never' : `${v.seconds.toFixed(2)} s`}`).join('; '),
      baseline: `answers meanwhile from ${[...new Set(a.visibility.flatMap((v) => v.sources))].join(', ')}`,
      target: '< 5 s (a few seconds)',
      pass: a.visibility.every((v) => v.seconds !== null && v.seconds < 5),
    },
  );
  if (r.big) {
    const big = r.big;
    const label = plays(big.plays);
    rows.push(...scaleRows(big, label));
    for (const route of big.routes)
      rows.push({
        bench: 'stats',
        metric: `${route.route}: p99 own / ${route.zones.map((z) => z.zone).join(' / ')}, ${label}`,
        value: [route.gateway.p99, ...route.zones.map((z) => z.gateway.p99)].map((p) => `${p} ms`).join(' / '),
        baseline: `${size}: ${r.main.routes.find((x) => x.route === route.route)?.gateway.p99 ?? '?'} ms own`,
        target: '< 50 ms, ≤ 1.5× own',
        pass: route.pass,
      });
    rows.push({
      bench: 'stats',
      metric: `growth ${size} → ${label}: index build, RSS, worst p99`,
      value: `${big.growth.indexBuild}× / ${big.growth.rss}× / ${big.growth.worstP99}×`,
      baseline: `${big.indexBuildSeconds.toFixed(1)} vs ${r.main.indexBuildSeconds.toFixed(1)} s; ${big.memory.afterLoad.rssMb} vs ${r.main.memory.afterLoad.rssMb} MB; ${big.worstP99Ms} vs ${r.main.worstP99Ms} ms`,
      target: '',
      pass: null,
    });
    rows.push({
      bench: 'stats',
      metric: `growth per play ${size} → ${label}: marts full refresh, storage`,
      value: `${big.growth.martsBuildPerPlay}× / ${big.growth.storagePerPlay}×`,
      baseline: `${big.martsBuildSeconds.toFixed(1)} vs ${r.main.martsBuildSeconds.toFixed(1)} s; ${perPlay(big.storage.database, big)} vs ${perPlay(r.main.storage.database, r.main)} B per play`,
      target: '≤ 1.2× (linear in plays)',
      pass: big.growth.martsBuildPerPlay <= 1.2 && big.growth.storagePerPlay <= 1.2,
    });
  }
  return rows;
}
