package dev.registrish.hosting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.registrish.testing.Cli;
import dev.registrish.testing.EndToEnd;
import dev.registrish.testing.NginxServer;
import dev.registrish.testing.Processes;
import dev.registrish.testing.RegistryChecks;
import dev.registrish.testing.Tools;
import dev.registrish.tree.HeaderRules;
import dev.registrish.tree.TreeObjects;
import dev.registrish.tree.TreeScanner;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tree written by {@code import} and {@code tag} is served by nginx whose worker runs as an unprivileged user
 * (nobody, as www-data on Debian): every file has the mode the umask gives new files, so no answer is a 403.
 */
@EndToEnd
class NginxUnprivilegedWorkerTest {
  @TempDir
  Path tmp;

  @Test
  void gen_treeWrittenByImportAndTag_servedByAnUnprivilegedWorker() throws Exception {
    Path nginx = Tools.require("nginx", "nginx");
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x")); // the worker walks down to the tree
    Path archive = tmp.resolve("classic.tar");
    try (InputStream in = getClass().getResourceAsStream("/docker-save/classic.tar")) {
      Files.copy(in, archive);
    }
    Path tree = tmp.resolve("tree");
    assertEquals(0, Cli.run("import", "--tree", tree.toString(), archive.toString(), "--image", "app", "--tag", "v1").exit());
    assertEquals(0, Cli.run("tag", "--tree", tree.toString(), "app:v1", "stable").exit());
    int port = Processes.freePort();
    Path conf = tmp.resolve("registrish.conf");
    Cli.Run gen = Cli.run("gen", "nginx", "--tree", tree.toString(), "--bind", "127.0.0.1", "--port", Integer.toString(port),
        "--output-file", conf.toString());
    assertEquals(0, gen.exit(), gen.toString());

    Path probe = Files.createFile(tmp.resolve("probe"));
    Set<PosixFilePermission> umaskMode = Files.getPosixFilePermissions(probe);
    try (Stream<Path> files = Files.walk(tree)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertEquals(PosixFilePermissions.toString(umaskMode), PosixFilePermissions.toString(Files.getPosixFilePermissions(f)),
            "the mode of a new file under this umask: " + f);
      }
    }
    assertEquals(PosixFilePermissions.toString(umaskMode), PosixFilePermissions.toString(Files.getPosixFilePermissions(conf)));
    try (NginxServer server = NginxServer.start(nginx, tmp.resolve("nginx"), Files.readString(conf), port, true)) {
      RegistryChecks.servesEveryObject(URI.create("http://" + server.registry()),
          TreeObjects.of(TreeScanner.scan(tree), HeaderRules.defaults(), null));
    }
  }
}
