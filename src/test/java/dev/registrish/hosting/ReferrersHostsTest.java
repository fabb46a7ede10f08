package dev.registrish.hosting;

import dev.registrish.testing.ApacheServer;
import dev.registrish.testing.EndToEnd;
import dev.registrish.testing.NginxServer;
import dev.registrish.testing.Processes;
import dev.registrish.testing.ReferrersChecks;
import dev.registrish.testing.RegistryChecks;
import dev.registrish.testing.SignedTrees;
import dev.registrish.testing.SignedTrees.Signed;
import dev.registrish.testing.Tools;
import dev.registrish.tree.HeaderRules;
import dev.registrish.tree.TreeObject;
import dev.registrish.tree.TreeObjects;
import dev.registrish.tree.TreeScanner;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signed tree served by {@code registrish serve}, nginx and Apache with the configs {@code gen} writes: the ORAS
 * Java SDK lists referrers through the API and the fallback tags and fetches every artifact, skopeo copies the
 * fallback and cosign tags, and every document has the exact Content-Type.
 */
@EndToEnd
class ReferrersHostsTest {
  @TempDir Path tmp;
  Path root;
  Signed signed;
  HeaderRules rules = HeaderRules.defaults();
  List<TreeObject> objects;

  @BeforeEach
  void tree() throws Exception {
    root = tmp.resolve("tree");
    signed = SignedTrees.write(root);
    objects = TreeObjects.of(TreeScanner.scan(root), rules, null);
  }

  void clientsSeeReferrers(String registry) throws Exception {
    URI base = URI.create("http://" + registry);
    RegistryChecks.servesEveryObject(base, objects);
    ReferrersChecks.servesDocuments(base, signed, true);
    ReferrersChecks.orasListsAndFetches(registry, signed, true);
    ReferrersChecks.skopeoCopiesFallbackAndCosignTags(Tools.require("skopeo", "skopeo"), registry, signed, tmp);
  }

  @Test
  void serve_treeHandler_referrersApiAndFallback() throws Exception {
    try (RegistryServer server = RegistryServer.start("127.0.0.1", 0, new TreeHandler(objects, rules))) {
      clientsSeeReferrers("127.0.0.1:" + server.port());
    }
  }

  @Test
  void genNginx_realNginx_referrersApiAndFallback() throws Exception {
    Path nginx = Tools.require("nginx", "nginx");
    HostDocuments.writeReferrers(root, objects);
    int port = Processes.freePort();
    String config = new NginxConfig(rules).render(root, objects, "127.0.0.1:" + port);
    try (NginxServer server = NginxServer.start(nginx, tmp.resolve("nginx"), config, port)) {
      clientsSeeReferrers(server.registry());
    }
  }

  @Test
  void genApache_realApache_referrersApiAndFallback() throws Exception {
    Path apache = Tools.require("apache2", "apache2");
    new ApacheConfig(rules).write(root, objects);
    Processes.ok(tmp, 30, List.of("chmod", "-R", "a+rX", tmp.toString()));
    try (ApacheServer server = ApacheServer.start(apache, tmp.resolve("apache"), root, Processes.freePort())) {
      clientsSeeReferrers(server.registry());
    }
  }
}
