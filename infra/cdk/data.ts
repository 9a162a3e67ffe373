// DynamoDB: one table per entry of the API description's `tables` (keys, sparse GSIs, stream, TTL), on-demand,
// with point-in-time recovery everywhere and deletion protection + RETAIN where the stage asks for it.
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { TableDef } from '../api/types.js';
import type { Stage } from './stages.js';

const str = (name: string) => ({ name, type: dynamodb.AttributeType.STRING });

export interface DataProps {
  stage: Stage;
  tables: Record<string, TableDef>;
}

export class Data extends Construct {
  readonly tables: Record<string, dynamodb.Table> = {};

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
    for (const [name, def] of Object.entries(props.tables)) {
      const table = new dynamodb.Table(this, name, {
        partitionKey: str(def.partitionKey),
        sortKey: str(def.sortKey),
        billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
        stream: dynamodb.StreamViewType[def.stream],
        timeToLiveAttribute: def.ttlAttribute,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: props.stage.deletionProtection,
        removalPolicy: props.stage.removalPolicy,
      });
      // Sparse indexes: only items carrying the index keys appear, so they project everything the lists map.
      for (const index of def.indexes) {
        table.addGlobalSecondaryIndex({
          indexName: index.name,
          partitionKey: str(index.partitionKey),
          ...(index.sortKey ? { sortKey: str(index.sortKey) } : {}),
          projectionType: dynamodb.ProjectionType.ALL,
        });
      }
      this.tables[name] = table;
    }
  }

  table(name: string, where: string): dynamodb.Table {
    const table = this.tables[name];
    if (!table) throw new Error(`${where}: unknown table "${name}" (tables: ${Object.keys(this.tables).join(', ')})`);
    return table;
  }
}
