package dev.registrish.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.registrish.oci.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The least-privilege policy documents a user pastes into their provider: what the publishing
 * identity may do, and (where the provider uses one) the bucket policy that lets anyone pull.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html">S3 bucket policies</a>
 */
public final class Policies {
  private Policies() {}

  /** One titled document: JSON to paste, or instructions where the provider has no policy language. */
  public record Document(String title, String body) {}

  public static List<Document> of(Profile profile, String bucket, String prefix, String acl) {
    String style = profile.template().policyStyle;
    List<Document> out = new ArrayList<>();
    switch (style) {
      case "aws" -> {
        out.add(new Document("Identity policy for the publishing identity (IAM user or CI role)", json(identity(bucket, prefix, acl, "arn:aws:s3:::"))));
        out.add(new Document("Bucket policy: anonymous pulls (also turn off Block Public Access for bucket policies)",
            json(publicRead(bucket, prefix, "arn:aws:s3:::", "*"))));
      }
      case "scaleway" -> out.add(new Document(
          "Bucket policy: anonymous pulls (with it, publish with --acl none; the publishing API key needs ObjectStorageFullAccess)",
          json(publicRead(bucket, prefix, "", "*"))));
      case "r2" -> out.add(new Document("R2 has no policy documents", String.join("\n",
          "1. Create an R2 API token with \"Object Read & Write\", restricted to the bucket " + bucket + ";",
          "   set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY to its key pair, and CLOUDFLARE_ACCOUNT_ID.",
          "2. Public pulls: in the bucket's settings, connect a custom domain (production) or enable the",
          "   r2.dev URL (development, rate-limited); set R2_PUBLIC_URL to that address.",
          "   A key prefix needs a Transform Rule mapping /v2/* to /" + prefix + "v2/*.")));
      default -> out.add(new Document("No policy documents for this profile",
          "the endpoint decides access; the local profile's embedded endpoint needs no credentials"));
    }
    return out;
  }

  private static ObjectNode identity(String bucket, String prefix, String acl, String arn) {
    ObjectNode doc = Json.MAPPER.createObjectNode().put("Version", "2012-10-17");
    ArrayNode statements = doc.putArray("Statement");
    ObjectNode list = statements.addObject().put("Sid", "ListThePublishedKeys").put("Effect", "Allow");
    list.putArray("Action").add("s3:ListBucket").add("s3:ListBucketMultipartUploads").add("s3:GetLifecycleConfiguration");
    list.put("Resource", arn + bucket);
    ObjectNode objects = statements.addObject().put("Sid", "WriteThePublishedKeys").put("Effect", "Allow");
    ArrayNode actions = objects.putArray("Action").add("s3:GetObject").add("s3:PutObject").add("s3:DeleteObject")
        .add("s3:AbortMultipartUpload").add("s3:ListMultipartUploadParts");
    if ("public-read".equals(acl)) {
      actions.add("s3:PutObjectAcl");
    }
    objects.putArray("Resource").add(arn + bucket + "/" + prefix + "v2/*").add(arn + bucket + "/" + prefix + "registrish.*");
    return doc;
  }

  private static ObjectNode publicRead(String bucket, String prefix, String arn, String principal) {
    ObjectNode doc = Json.MAPPER.createObjectNode().put("Version", "2012-10-17");
    ObjectNode read = doc.putArray("Statement").addObject().put("Sid", "AnonymousPulls").put("Effect", "Allow")
        .put("Principal", principal).put("Action", "s3:GetObject");
    read.put("Resource", arn + bucket + "/" + prefix + "v2/*");
    return doc;
  }

  private static String json(ObjectNode doc) {
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
