package dev.registrish.mirror;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.registrish.mirror.MirrorFileTemplate.ImageTemplate;
import dev.registrish.mirror.MirrorFileTemplate.RegistryTemplate;
import dev.registrish.upstream.UpstreamException;
import dev.registrish.upstream.UpstreamReference;
import java.io.IOException;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a mirror file: YAML bound to {@link MirrorFileTemplate}, then every entry checked and its
 * defaults applied, before any request. Each problem names the file, the line and the field.
 */
public final class MirrorFile {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private MirrorFile() {}

  /** Loads and checks a mirror file; {@code env} resolves the registries' credential variables. */
  public static MirrorConfig load(Path file, Map<String, String> env) throws MirrorFileException {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new MirrorFileException(file + ": cannot read the mirror file (" + e.getMessage() + ")");
    }
    YamlLines lines = YamlLines.of(text);
    if (lines.unreadable() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
      throw new MirrorFileException(file + " line " + (m.getProblemMark().getLine() + 1) + ": not valid YAML: " + m.getProblem());
    }
    MirrorFileTemplate template;
    try {
      template = YAML.readValue(text, MirrorFileTemplate.class);
    } catch (JsonMappingException e) {
      String path = path(e);
      throw new MirrorFileException(file + " " + lines.at(path) + ": " + (path.isEmpty() ? "" : path + ": ")
          + reason(e));
    } catch (JsonProcessingException e) {
      throw new MirrorFileException(file + " line " + line(e) + ": not valid YAML: " + e.getOriginalMessage());
    }
    if (template == null) {
      throw new MirrorFileException(file + ": empty mirror file (it needs an images: list)");
    }
    return check(template, lines, file.toString(), env);
  }

  /**
   * A one-off mirror of {@code source} ({@code SOURCE[:TAG|@DIGEST]}, tag {@code latest} when neither is given)
   * into {@code target} ({@code REPO[:TAG]}; default the source's repository and tag).
   */
  public static MirrorConfig oneImage(String source, String target, boolean insecure) throws MirrorFileException {
    MirrorFileTemplate t = new MirrorFileTemplate();
    ImageTemplate image = new ImageTemplate();
    String tag = null;
    try {
      UpstreamReference ref = UpstreamReference.parse(source);
      image.source = ref.name();
      tag = ref.digest() != null ? (ref.tag() != null ? ref.tag() + "@" : "@") + ref.digest() : ref.reference();
    } catch (UpstreamException e) {
      throw new MirrorFileException("--image: " + e.getMessage());
    }
    if (target != null) {
      int colon = target.lastIndexOf(':');
      boolean tagged = colon > target.lastIndexOf('/');
      image.target = tagged ? target.substring(0, colon) : target;
      if (tagged && !tag.startsWith("@")) {
        throw new MirrorFileException("--target " + target + ": a mirrored tag keeps its upstream name; give --target REPO");
      }
    }
    image.tags = List.of(tag);
    image.insecure = insecure;
    t.images = List.of(image);
    return check(t, YamlLines.of(""), "--image", Map.of());
  }

  static MirrorConfig check(MirrorFileTemplate t, YamlLines lines, String name, Map<String, String> env)
      throws MirrorFileException {
    Entries entries = new Entries(lines, name);
    ImageTemplate defaults = t.defaults == null ? new ImageTemplate() : t.defaults;
    entries.defaults(defaults);
    Map<String, RegistryAccess> registries = new LinkedHashMap<>();
    t.registries.forEach((registry, r) -> registries.put(registry, entries.registry(registry, r, env)));
    entries.fail();
    if (t.images == null || t.images.isEmpty()) {
      throw new MirrorFileException(name + " " + lines.at("images") + ": images: name at least one image to mirror");
    }
    List<MirrorImage> images = new ArrayList<>();
    Map<String, Integer> targets = new HashMap<>();
    for (int i = 0; i < t.images.size(); i++) {
      MirrorImage image = entries.image(i, t.images.get(i), defaults, registries);
      if (image == null) {
        continue;
      }
      Integer first = targets.putIfAbsent(image.target(), i);
      if (first != null) {
        entries.problem("images[" + i + "].target", "target '" + image.target() + "' is also the target of images["
            + first + "] (" + lines.at("images[" + first + "]") + "): two sources cannot fill one repository");
      }
      images.add(image);
    }
    entries.fail();
    return new MirrorConfig(images, registries);
  }

  private static int line(JsonProcessingException e) {
    return e.getLocation() == null ? 1 : e.getLocation().getLineNr();
  }

  private static String path(JsonMappingException e) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.toString();
  }

  private static String reason(JsonMappingException e) {
    Throwable cause = e.getCause();
    if (cause instanceof IllegalArgumentException) {
      return cause.getMessage();
    }
    String m = e.getOriginalMessage();
    if (m.startsWith("Cannot deserialize") || m.startsWith("Cannot construct")) {
      String type = m.replaceFirst("(?s)^Cannot (deserialize value of type|construct instance of) `([^`]*)`.*", "$2");
      String expected = type.endsWith("String") ? "text" : type.contains("List") ? "a list" : type.endsWith("Boolean") ? "true or false"
          : type.contains("Map") || type.contains("Template") ? "a mapping of fields" : type;
      return "wrong kind of value: expected " + expected;
    }
    return m.lines().findFirst().orElse(m);
  }
}
