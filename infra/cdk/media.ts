// Buckets of the API description (`buckets`): private, SSL-only, no ACLs, lifecycle rules for raw prefixes,
// CORS for the browser's presigned POST; `cdn` buckets get a CloudFront distribution with Origin Access
// Control that can read media/ only (raw uploads stay unreachable) with long cache lifetimes.
import { Annotations, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { MEDIA_PREFIX } from '../../functions/lib/media.js';
import type { BucketDef } from '../api/types.js';
import { acknowledgeDistribution } from './nag.js';
import type { Stage } from './stages.js';

export interface MediaProps {
  stage: Stage;
  buckets: Record<string, BucketDef>;
  accessLogs: s3.IBucket;
}

export class Media extends Construct {
  readonly buckets: Record<string, s3.Bucket> = {};
  readonly distributions: Record<string, cloudfront.Distribution> = {};

  constructor(scope: Construct, id: string, props: MediaProps) {
    super(scope, id);
    for (const [name, def] of Object.entries(props.buckets)) {
      const bucket = new s3.Bucket(this, name, {
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        enforceSSL: true,
        objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
        encryption: s3.BucketEncryption.S3_MANAGED,
        serverAccessLogsBucket: props.accessLogs,
        serverAccessLogsPrefix: `s3/${name}/`,
        lifecycleRules: [
          ...Object.entries(def.expirePrefixes ?? {}).map(([prefix, days]) => ({
            id: `expire-${prefix.replace(/\W+/g, '')}`,
            prefix,
            expiration: Duration.days(days),
          })),
          { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        ],
        removalPolicy: props.stage.removalPolicy,
        autoDeleteObjects: props.stage.removalPolicy === RemovalPolicy.DESTROY,
      });
      this.buckets[name] = bucket;
      if (def.cdn) this.distributions[name] = this.cdn(name, bucket, props.accessLogs);
    }
  }

  bucket(name: string, where: string): s3.Bucket {
    const bucket = this.buckets[name];
    if (!bucket) throw new Error(`${where}: unknown bucket "${name}" (buckets: ${Object.keys(this.buckets).join(', ')})`);
    return bucket;
  }

  /** The CDN base URL of a `cdn` bucket (MEDIA_BASE_URL): variant keys are appended to it. */
  cdnUrl(name: string, where: string): string {
    const dist = this.distributions[name];
    if (!dist) throw new Error(`${where}: bucket "${name}" has no CDN (set cdn: true in the API description)`);
    return `https://${dist.distributionDomainName}`;
  }

  /** Browsers POST uploads straight to S3 (presigned POST), so the web origins need CORS on every bucket. */
  allowUploadsFrom(origins: string[]): void {
    for (const bucket of Object.values(this.buckets)) {
      bucket.addCorsRule({
        allowedMethods: [s3.HttpMethods.POST],
        allowedOrigins: origins,
        allowedHeaders: ['*'],
        exposedHeaders: ['ETag', 'Location'],
        maxAge: 3600,
      });
    }
  }

  private cdn(name: string, bucket: s3.Bucket, logs: s3.IBucket): cloudfront.Distribution {
    // Hand CloudFront a reference, not the bucket, so it does not grant itself the whole bucket; the policy
    // below grants media/* only (uploads/ holds unverified bytes), to this distribution only.
    const ref = s3.Bucket.fromBucketAttributes(this, `${name}Ref`, { bucketArn: bucket.bucketArn, bucketName: bucket.bucketName });
    const dist = new cloudfront.Distribution(this, `${name}Cdn`, {
      comment: `${name}: processed images`,
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(ref),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        // Variant keys never change content (new upload = new key): cache for a year.
        cachePolicy: new cloudfront.CachePolicy(this, `${name}CachePolicy`, {
          comment: 'immutable media',
          defaultTtl: Duration.days(365),
          minTtl: Duration.days(1),
          maxTtl: Duration.days(365),
          enableAcceptEncodingGzip: true,
          enableAcceptEncodingBrotli: true,
        }),
        responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.CORS_ALLOW_ALL_ORIGINS_WITH_PREFLIGHT_AND_SECURITY_HEADERS,
      },
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: `cloudfront/${name}/`,
    });
    acknowledgeDistribution(dist);
    Annotations.of(dist).acknowledgeWarning(
      '@aws-cdk/aws-cloudfront-origins:updateImportedBucketPolicyOac',
      'the bucket policy for the OAC is written explicitly, scoped to media/*',
    );
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudFrontReadsMedia',
        actions: ['s3:GetObject'],
        resources: [bucket.arnForObjects(`${MEDIA_PREFIX}*`)],
        principals: [new iam.ServicePrincipal('cloudfront.amazonaws.com')],
        conditions: { StringEquals: { 'AWS:SourceArn': dist.distributionArn } },
      }),
    );
    return dist;
  }
}
