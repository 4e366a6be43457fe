package dev.portcullis.server.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * A server in its own JVM, as a user runs it ({@code portcullis serve}), so that tests can
 * kill it with SIGKILL and read what it logged.
 */
public final class ServerProcess implements AutoCloseable {
  /** The ready line: {@code at http://HOST:PORT/}, or https:// over TLS. */
  private static final Pattern READY = Pattern.compile("at (https?)://[^\\s/]+:(\\d+)/");
  private final Process process;
  private final Path log;
  private final Path dataDir;
  private final int port;
  private final String scheme;

  private ServerProcess(Process process, Path log, Path dataDir, String scheme, int port) {
    this.scheme = scheme;
    this.process = process;
    this.log = log;
    this.dataDir = dataDir;
    this.port = port;
  }

  /**
   * Starts {@code serve} on a free port, with {@code options} added, and waits until it accepts
   * requests.
   */
  public static ServerProcess start(Path dataDir, Path log, String... options)
      throws IOException, InterruptedException {
    return start(dataDir, log, Map.of(), List.of(options));
  }

  /**
   * Starts {@code serve} on a free port with {@code environment} added to this JVM's (for
   * example {@code PORTCULLIS_MASTER_KEY}) and waits until it accepts requests. For a node on
   * PostgreSQL pass {@link PostgresServer#serveOptions} among {@code options}.
   */
  public static ServerProcess start(Path dataDir, Path log, Map<String, String> environment,
      List<String> options) throws IOException, InterruptedException {
    Process p = launch(dataDir, log, environment, options);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = READY.matcher(Files.exists(log) ? Files.readString(log) : "");
      int port = -1;
      String scheme = "http";
      while (m.find()) {
        scheme = m.group(1);
        port = Integer.parseInt(m.group(2));
      }
      if (port > 0 && p.isAlive()) {
        return new ServerProcess(p, log, dataDir, scheme, port);
      }
      if (!p.isAlive()) {
        throw new IOException("server exited: " + Files.readString(log));
      }
      Thread.sleep(50);
    }
    p.destroyForcibly();
    throw new IOException("server did not start in time: " + Files.readString(log));
  }

  /**
   * Runs {@code serve} expecting it to refuse to start: returns its exit code once it exits, or
   * fails when it is still running after {@code timeout} (the process is then killed).
   */
  public static int runUntilExit(Path dataDir, Path log, Map<String, String> environment,
      List<String> options, Duration timeout) throws IOException, InterruptedException {
    Process p = launch(dataDir, log, environment, options);
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
      throw new IOException("server did not exit: " + Files.readString(log));
    }
    return p.exitValue();
  }

  private static Process launch(Path dataDir, Path log, Map<String, String> environment,
      List<String> options) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.portcullis.server.cli.Main",
        "serve", "--port", "0", "--data-dir", dataDir.toString()));
    cmd.addAll(options);
    ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    return builder.start();
  }

  /** The server on loopback, whatever address it listens on: http, or https over TLS. */
  public URI endpoint() {
    return URI.create(scheme + "://127.0.0.1:" + port);
  }

  public AwsBasicCredentials adminCredentials() throws IOException {
    return CredentialsFile.read(dataDir.resolve("credentials"), "portcullis");
  }

  /** A client that does not retry, so that every success is one acknowledged request. */
  public IamClient iam(AwsCredentials credentials) {
    return IamClient.builder().endpointOverride(endpoint()).region(Region.AWS_GLOBAL)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  public Path log() {
    return log;
  }

  /** SIGKILL: the process gets no chance to flush or close anything. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM: a graceful stop through the shutdown hook. */
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
