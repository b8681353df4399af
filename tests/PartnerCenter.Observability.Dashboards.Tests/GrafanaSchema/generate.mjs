// Writes one TypeScript file per dashboard JSON: the dashboard `satisfies` @grafana/schema's Dashboard type, and each
// panel's options and custom field config `satisfies` its panel plugin's published Options and FieldConfig types.
// Object literals get TypeScript's excess-property check, so a misspelt field or an option a panel does not have
// fails `tsc`, as does a value of the wrong type or outside an enum.
// Usage: node generate.mjs <output folder> <dashboard.json>...
import { mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';

const [outDir, ...files] = process.argv.slice(2);
if (!outDir || files.length === 0) {
  console.error('usage: node generate.mjs <output folder> <dashboard.json>...');
  process.exit(2);
}

// The panel types the dashboards use, mapped to their published option types.
const plugins = {
  timeseries: 'TimeSeriesPanelCfg_types.gen',
  stat: 'StatPanelCfg_types.gen',
  table: 'TablePanelCfg_types.gen',
  bargauge: 'BarGaugePanelCfg_types.gen',
  heatmap: 'HeatmapPanelCfg_types.gen',
};
const folder = { timeseries: 'timeseries', stat: 'stat', table: 'table', bargauge: 'bargauge', heatmap: 'heatmap' };

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
for (const file of files) {
  const dashboard = JSON.parse(readFileSync(file, 'utf8'));
  const lines = [
    `// Generated from ${basename(file)} by generate.mjs.`,
    `import type { Dashboard, DashboardLink } from '@grafana/schema';`,
    // The published types use TypeScript enums; JSON holds their values: compare with the enums' literal values.
    'type Lit<T> = T extends string ? `${T}` : T extends Array<infer U> ? Array<Lit<U>> : T extends object ? { [K in keyof T]: Lit<T[K]> } : T;',
    // Grafana saves panel links as data links (title, url, targetBlank); the schema types them as dashboard links,
    // whose other fields are required: those are optional here, title and url are not.
    // Grafana fills a panel's missing options with the plugin's defaults, which the published types mark as required:
    // options are checked for known names and right values, every one optional.
    'type Opt<T> = T extends string ? `${T}` : T extends Array<infer U> ? Array<Opt<U>> : T extends object ? { [K in keyof T]?: Opt<T[K]> } : T;',
    `type PanelLink = Pick<DashboardLink, 'title' | 'url'> & Partial<DashboardLink>;`,
  ];
  const used = new Set();
  const checks = [];
  for (const panel of dashboard.panels ?? []) {
    if (panel.type === 'row') continue;
    const plugin = plugins[panel.type];
    if (!plugin) {
      checks.push(`// ${JSON.stringify(panel.title)}: panel type ${JSON.stringify(panel.type)} has no published options type here.`);
      checks.push(`const unknownPanelType_${panel.id}: never = ${JSON.stringify(panel.type)};`);
      continue;
    }
    used.add(panel.type);
    const alias = panel.type[0].toUpperCase() + panel.type.slice(1);
    checks.push(`// Panel ${panel.id}: ${JSON.stringify(panel.title)}`);
    checks.push(`export const panel${panel.id}Links = ${JSON.stringify(panel.links ?? [], null, 2)} satisfies PanelLink[];`);
    delete panel.links;
    checks.push(`export const panel${panel.id}Options = ${JSON.stringify(panel.options ?? {}, null, 2)} satisfies Opt<${alias}Options>;`);
    checks.push(`export const panel${panel.id}Custom = ${JSON.stringify(panel.fieldConfig?.defaults?.custom ?? {}, null, 2)} satisfies Opt<${alias}FieldConfig>;`);
  }
  for (const type of used) {
    const alias = type[0].toUpperCase() + type.slice(1);
    const path = `@grafana/schema/dist/esm/raw/composable/${folder[type]}/panelcfg/x/${plugins[type]}`;
    const fieldConfig = type === 'stat' || type === 'bargauge' ? `type ${alias}FieldConfig = Record<string, never>;` : `import type { FieldConfig as ${alias}FieldConfig } from '${path}';`;
    lines.push(`import type { Options as ${alias}Options } from '${path}';`);
    lines.push(fieldConfig);
  }
  lines.push('', ...checks, '', `export const dashboard = ${JSON.stringify(dashboard, null, 2)} satisfies Lit<Dashboard>;`, '');
  writeFileSync(join(outDir, basename(file, '.json').replace(/[^a-zA-Z0-9]/g, '_') + '.ts'), lines.join('\n'));
}
