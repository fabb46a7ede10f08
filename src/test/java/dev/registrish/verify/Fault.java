package dev.registrish.verify;

import dev.registrish.oci.MediaType;
import dev.registrish.oci.RawManifest;

/** One fault of the table: how a test seeds it into a published {@link ScenarioTree}, and the one problem verify must report. */
enum Fault {
  MANIFEST_AS_OCTET_STREAM("content-type") {
    @Override
    String seed(ScenarioTree t, RegistryTarget target) throws Exception {
      String key = "v2/app/manifests/v1";
      target.replace(key, t.tag("app", "v1").bytes(), MediaType.OCTET_STREAM, "public, max-age=60", null);
      return key;
    }
  },
  LAYER_BLOB_DELETED("missing") {
    @Override
    String seed(ScenarioTree t, RegistryTarget target) throws Exception {
      String key = "v2/app/blobs/" + t.tag("app", "v1").template().layers.get(1).digest;
      target.delete(key);
      return key;
    }
  },
  INDEX_CHILD_DELETED("missing") {
    @Override
    String seed(ScenarioTree t, RegistryTarget target) throws Exception {
      String key = "v2/multi/manifests/" + t.tag("multi", "latest").children().get(1).digest;
      target.delete(key);
      return key;
    }
  },
  PING_REMOVED("ping") {
    @Override
    String seed(ScenarioTree t, RegistryTarget target) throws Exception {
      target.delete("v2/");
      return "v2/";
    }
  },
  TAG_GZIP_ENCODED("content-encoding") {
    @Override
    String seed(ScenarioTree t, RegistryTarget target) throws Exception {
      String key = "v2/legacy/web/manifests/1.0";
      RawManifest m = t.tag("legacy/web", "1.0");
      target.replace(key, m.bytes(), m.mediaType(), "public, max-age=60", "gzip");
      return key;
    }
  },
  TAG_DIFFERS_FROM_TREE("tree-mismatch") {
    @Override
    String seed(ScenarioTree t, RegistryTarget target) throws Exception {
      String key = "v2/app/manifests/v1";
      RawManifest other = t.tag("app", "v2");
      target.replace(key, other.bytes(), other.mediaType(), "public, max-age=60", null);
      return key;
    }
  };

  final String check;

  Fault(String check) {
    this.check = check;
  }

  /** Seeds the fault; returns the key whose URL verify must name. */
  abstract String seed(ScenarioTree tree, RegistryTarget target) throws Exception;
}
