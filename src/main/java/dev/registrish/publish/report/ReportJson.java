package dev.registrish.publish.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.registrish.oci.Json;

/** A {@link PublishReport} as JSON for programs: {@code schemaVersion} first, then the record's fields (README, "Reports"). */
final class ReportJson {
  private ReportJson() {}

  static String render(PublishReport r) {
    ObjectNode json = Json.MAPPER.createObjectNode().put("schemaVersion", PublishReport.SCHEMA_VERSION);
    json.setAll((ObjectNode) Json.MAPPER.valueToTree(r));
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
