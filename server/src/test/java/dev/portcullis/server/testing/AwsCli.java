package dev.portcullis.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code aws} command line against a server, with a given credentials file. */
public final class AwsCli {
  private final String endpoint;
  private final Path credentialsFile;
  private final String profile;

  public AwsCli(String endpoint, Path credentialsFile, String profile) {
    this.endpoint = endpoint;
    this.credentialsFile = credentialsFile;
    this.profile = profile;
  }

  /** The outcome of one command: exit code, standard output and standard error. */
  public record Result(int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  public Result run(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("aws"));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--endpoint-url", endpoint, "--output", "json"));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_"));
    env.put("AWS_SHARED_CREDENTIALS_FILE", credentialsFile.toString());
    env.put("AWS_CONFIG_FILE", "/dev/null");
    env.put("AWS_PROFILE", profile);
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_PAGER", "");
    env.put("AWS_MAX_ATTEMPTS", "1");
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("aws " + String.join(" ", args) + " timed out");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }
}
