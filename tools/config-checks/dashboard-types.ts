/**
 * The shape a FinPulse dashboard must have: Grafana's own dashboard model from @grafana/schema,
 * narrowed to what our provisioning defines. Every panel, query, variable and annotation uses the
 * provisioned InfluxDB (InfluxQL) data source by its uid, every query is a raw InfluxQL query, and
 * each panel's options are typed by its panel plugin's schema. The generated wrapper of each
 * dashboard checks its JSON with `satisfies FinPulseDashboard`, so a missing required key, a wrong
 * type or an unknown key anywhere below the top level is a compile error.
 */
import type {
  AnnotationQuery,
  Dashboard,
  DataQuery,
  FieldConfigSource,
  Panel,
  RowPanel,
  VariableModel,
} from '@grafana/schema';
import type * as Stat from '@grafana/schema/dist/esm/raw/composable/stat/panelcfg/x/StatPanelCfg_types.gen';
import type * as Table from '@grafana/schema/dist/esm/raw/composable/table/panelcfg/x/TablePanelCfg_types.gen';
import type * as TimeSeries from '@grafana/schema/dist/esm/raw/composable/timeseries/panelcfg/x/TimeSeriesPanelCfg_types.gen';

import type { ProvisionedDataSourceUid } from './build/provisioned.js';

/**
 * JSON cannot name a TypeScript string enum member: map every string enum to the union of its
 * values ("background", not BigValueColorMode.Background). Numeric enums accept their numbers.
 */
export type Jsonify<T> = T extends string
  ? `${T}`
  : T extends number | boolean | null | undefined
    ? T
    : T extends ReadonlyArray<infer U>
      ? Array<Jsonify<U>>
      : T extends object
        ? { [K in keyof T]: Jsonify<T[K]> }
        : T;

/** The data source defined in grafana/provisioning/datasources; nothing else may be referenced. */
export interface FinPulseDataSource {
  type: 'influxdb';
  uid: ProvisionedDataSourceUid;
}

/** Grafana's InfluxDB query model in raw InfluxQL mode, as the query editor saves it. */
export interface InfluxQLQuery extends Omit<DataQuery, 'datasource'> {
  datasource: FinPulseDataSource;
  query: string;
  rawQuery: true;
  resultFormat: 'time_series' | 'table' | 'logs';
  alias?: string;
}

/** An InfluxQL annotation query: the query's columns map onto the annotation's parts. */
export interface InfluxQLAnnotationQuery extends Omit<InfluxQLQuery, 'resultFormat'> {
  fromAnnotations: true;
  textEditor?: boolean;
  titleColumn?: string;
  textColumn?: string;
  tagsColumn?: string;
  timeEndColumn?: string;
}

type PanelBase = Omit<Panel, 'type' | 'targets' | 'datasource' | 'options' | 'fieldConfig'> & {
  datasource: FinPulseDataSource;
  targets: InfluxQLQuery[];
};

export type TimeSeriesPanel = PanelBase & {
  type: 'timeseries';
  options: TimeSeries.Options;
  fieldConfig: FieldConfigSource<TimeSeries.FieldConfig>;
};

export type StatPanel = PanelBase & {
  type: 'stat';
  options: Partial<Stat.Options>;
  fieldConfig: FieldConfigSource;
};

export type TablePanel = PanelBase & {
  type: 'table';
  options: Partial<Table.Options>;
  fieldConfig: FieldConfigSource<Table.FieldConfig>;
};

export type FinPulsePanel = TimeSeriesPanel | StatPanel | TablePanel;

export type FinPulseRow = Omit<RowPanel, 'panels' | 'datasource'> & { panels: FinPulsePanel[] };

export type FinPulseVariable = Omit<VariableModel, 'datasource'> & {
  datasource?: FinPulseDataSource;
};

export type FinPulseAnnotation = Omit<AnnotationQuery<InfluxQLAnnotationQuery>, 'datasource'> & {
  datasource: FinPulseDataSource;
};

export type FinPulseDashboard = Jsonify<
  Omit<Dashboard, 'uid' | 'title' | 'panels' | 'templating' | 'annotations'> & {
    uid: string;
    title: string;
    panels: Array<FinPulsePanel | FinPulseRow>;
    templating: { list: FinPulseVariable[] };
    annotations: { list: FinPulseAnnotation[] };
  }
>;

