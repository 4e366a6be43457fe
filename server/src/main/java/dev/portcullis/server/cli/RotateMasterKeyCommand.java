package dev.portcullis.server.cli;

import dev.portcullis.server.DataDirectory;
import dev.portcullis.server.KeyHierarchy;
import dev.portcullis.server.MasterKey;
import dev.portcullis.server.PortcullisServer;
import dev.portcullis.server.ServerConfig;
import dev.portcullis.store.JdbcStore;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code portcullis rotate-master-key}: re-wraps the database's data key under a new master key
 * in one transaction. Secrets stay sealed under the data key, so nothing else is rewritten, and
 * running nodes keep serving; each node is then (re)started with the new master key.
 */
final class RotateMasterKeyCommand {
  static final List<Options.Spec> OPTIONS;

  static {
    List<Options.Spec> specs = ServeCommand.storeOptions();
    specs.add(new Options.Spec("new-master-key-file", "FILE", "the new master key (base64 of "
        + "32 bytes; required), e.g. made with: head -c 32 /dev/urandom | base64 > FILE"));
    OPTIONS = List.copyOf(specs);
  }

  static final String SYNOPSIS = "portcullis rotate-master-key --new-master-key-file FILE "
      + "[OPTIONS]";
  static final String DESCRIPTION = "Re-wrap the data key in the database under a new master "
      + "key. The current master key is found as serve finds it.";

  private RotateMasterKeyCommand() {}

  static int run(Options o, PrintStream out) throws Options.UsageException {
    String next = o.get("new-master-key-file", null);
    if (next == null) {
      throw new Options.UsageException("rotate-master-key needs --new-master-key-file FILE");
    }
    ServerConfig config = ServeCommand.config(o);
    DataDirectory dir = new DataDirectory(config.dataDir());
    if (config.databaseUrl() == null && !Files.exists(dir.database())) {
      throw new IllegalArgumentException("no database in " + dir.root()
          + ": name the data directory (--data-dir) or the database (--database-url)");
    }
    MasterKey current = ServeCommand.masterKey(o);
    if (current == null) {
      Path file = dir.root().resolve("master.key");
      if (!Files.exists(file)) {
        throw new IllegalArgumentException("no current master key: give --master-key-file, set "
            + MasterKey.ENVIRONMENT + ", or name the data directory holding master.key");
      }
      current = MasterKey.fromFile(file);
    }
    MasterKey replacement = MasterKey.fromFile(Path.of(next));
    ServeCommand.warnIfReadableByOthers(next, "master key");
    try (JdbcStore store = PortcullisServer.openStore(config, dir)) {
      KeyHierarchy.rewrap(store, current, replacement, Clock.systemUTC());
    }
    out.printf("The data key is now wrapped by the master key in %s (it was wrapped by %s).%n",
        replacement.source(), current.source());
    out.printf("Start every node with --master-key-file %s (or %s set to its content).%n",
        replacement.source(), MasterKey.ENVIRONMENT);
    return 0;
  }
}
