/** The single DynamoDB table, built from TABLE_DEFINITION (the same definition local runs use). */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE_DEFINITION } from '../../functions/src/store/table-definition';

export interface DataTableProps {
  /** Deletion protection plus RETAIN: the table holds every complaint and user. */
  retain: boolean;
}

const string = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

export class DataTable extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: DataTableProps) {
    super(scope, id);
    const def = TABLE_DEFINITION;
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: string(def.partitionKey),
      sortKey: string(def.sortKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      stream: dynamodb.StreamViewType[def.stream],
      timeToLiveAttribute: def.ttlAttribute,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      deletionProtection: props.retain,
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const index of def.globalIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: string(index.partitionKey),
        sortKey: string(index.sortKey),
        // Keys and the few attributes reads use without the item (TABLE_DEFINITION says which and why).
        projectionType: dynamodb.ProjectionType.INCLUDE,
        nonKeyAttributes: [...index.projects],
      });
    }
  }
}
