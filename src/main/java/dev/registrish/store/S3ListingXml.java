package dev.registrish.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Reads one ListObjectsV2 answer (asked with {@code encoding-type=url}) in a single streaming pass: each
 * object's key (decoded), size, ETag and last-modified time, and the continuation token when truncated.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html">ListObjectsV2</a>
 */
final class S3ListingXml {
  private static final XMLInputFactory FACTORY = factory();

  private S3ListingXml() {}

  private static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    return f;
  }

  /** The page's objects, in the store's order, and its continuation token (null on the last page). */
  static RangeListing.Page page(byte[] xml) {
    List<RemoteObject> objects = new ArrayList<>();
    boolean truncated = false;
    boolean encoded = false;
    String token = null;
    try {
      XMLStreamReader r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml));
      int depth = 0;
      String key = null;
      String etag = null;
      long size = 0;
      Instant modified = null;
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          depth++;
          String name = r.getLocalName();
          if (depth == 1 && !name.equals("ListBucketResult")) {
            throw new XMLStreamException("its root element is <" + name + ">, not <ListBucketResult>");
          }
          if (depth == 2 && name.equals("Contents")) {
            key = null;
            etag = null;
            size = 0;
            modified = null;
          } else if (depth == 3 && name.equals("Key")) {
            key = r.getElementText();
            depth--;
          } else if (depth == 3 && name.equals("ETag")) {
            etag = S3Bucket.unquote(r.getElementText());
            depth--;
          } else if (depth == 3 && name.equals("Size")) {
            size = Long.parseLong(r.getElementText().trim());
            depth--;
          } else if (depth == 3 && name.equals("LastModified")) {
            modified = instant(r.getElementText().trim());
            depth--;
          } else if (depth == 2 && name.equals("IsTruncated")) {
            truncated = Boolean.parseBoolean(r.getElementText().trim());
            depth--;
          } else if (depth == 2 && name.equals("NextContinuationToken")) {
            token = r.getElementText();
            depth--;
          } else if (depth == 2 && name.equals("EncodingType")) {
            encoded = "url".equals(r.getElementText().trim());
            depth--;
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          if (depth == 2 && r.getLocalName().equals("Contents") && key != null) {
            objects.add(new RemoteObject(key, size, etag, modified));
          }
          depth--;
        }
      }
    } catch (XMLStreamException | NumberFormatException | DateTimeParseException e) {
      throw new UncheckedIOException(new IOException("the store's listing is not a ListObjectsV2 answer: " + e.getMessage(), e));
    }
    if (encoded) {
      objects.replaceAll(o -> o.withKey(SdkHttpUtils.urlDecode(o.key())));
    }
    return new RangeListing.Page(objects, truncated ? token : null);
  }

  /** An ISO-8601 time as S3 writes it ({@code 2026-11-29T16:45:36.000Z}). */
  static Instant instant(String text) {
    return Instant.parse(text);
  }
}
