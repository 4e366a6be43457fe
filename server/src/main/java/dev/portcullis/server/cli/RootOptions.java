package dev.portcullis.server.cli;

import dev.portcullis.iam.RootAccessKeys;
import dev.portcullis.iam.root.RootEmail;
import dev.portcullis.server.RootConfig;
import dev.portcullis.server.RootPrompt;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Where the root user's first e-mail address and password come from, for {@code serve} and
 * {@code init}: {@code --root-email}, {@code --root-password-file}, the environment variables
 * {@value #EMAIL_ENV} and {@value #PASSWORD_ENV}, or a prompt on the terminal (the password
 * asked twice, not echoed). Without any of them and without a terminal, the address is a
 * placeholder and the password is generated into the data directory's 0600 file.
 */
final class RootOptions {
  static final String EMAIL_ENV = "PORTCULLIS_ROOT_EMAIL";
  static final String PASSWORD_ENV = "PORTCULLIS_ROOT_PASSWORD";
  private static final int ATTEMPTS = 5;
  /** Far above any password a policy accepts (AWS allows 128 characters). */
  static final int MAX_PASSWORD_FILE = 4096;
  static final List<Options.Spec> OPTIONS = List.of(
      new Options.Spec("root-email", "ADDRESS", "the root user's e-mail address, on first start "
          + "(default: " + EMAIL_ENV + ", else asked on a terminal, else a placeholder)"),
      new Options.Spec("root-password-file", "FILE", "a file holding the root user's first "
          + "password (default: " + PASSWORD_ENV + ", else asked twice on a terminal, else "
          + "generated into DATA-DIR/root-password, mode 0600, to be changed at first sign-in)"));

  private RootOptions() {}

  /** The root user's settings the options, the environment and the terminal give. */
  static RootConfig config(Options o, Map<String, String> env, Console console,
      boolean accessKeys) {
    String email = o.get("root-email", blankToNull(env.get(EMAIL_ENV)));
    String file = o.get("root-password-file", null);
    String password = file != null ? readPasswordFile(file)
        : blankToNull(env.get(PASSWORD_ENV));
    RootPrompt prompt = console == null ? null : new ConsolePrompt(Terminal.of(console));
    return new RootConfig(email, password,
        accessKeys ? RootAccessKeys.ALLOWED : RootAccessKeys.DENIED, prompt);
  }

  /**
   * The password a file holds: its text without the line ending an editor adds. Only a regular
   * file of at most {@value #MAX_PASSWORD_FILE} bytes is read, so a FIFO cannot hang the command
   * and a huge file cannot exhaust the heap.
   */
  static String readPasswordFile(String file) {
    ServeCommand.warnIfReadableByOthers(file, "root password");
    Path path = Path.of(file);
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("the password file " + file + " is not a regular file");
    }
    try (InputStream in = Files.newInputStream(path)) {
      byte[] bytes = in.readNBytes(MAX_PASSWORD_FILE + 1);
      if (bytes.length > MAX_PASSWORD_FILE) {
        throw new IllegalArgumentException("the password file " + file + " is larger than "
            + MAX_PASSWORD_FILE + " bytes");
      }
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
      String password = text.replaceAll("\\r?\\n$", "");
      if (password.isEmpty()) {
        throw new IllegalArgumentException("the password file " + file + " is empty");
      }
      return password;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("the password file " + file + " is not UTF-8 text");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the password file " + file, e);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** What the prompt needs of a terminal: a line, a password without echo, a message. */
  interface Terminal {
    String readLine(String prompt);

    char[] readPassword(String prompt);

    void println(String line);

    static Terminal of(Console console) {
      return new Terminal() {
        @Override
        public String readLine(String prompt) {
          return console.readLine("%s", prompt);
        }

        @Override
        public char[] readPassword(String prompt) {
          return console.readPassword("%s", prompt);
        }

        @Override
        public void println(String line) {
          console.printf("%s%n", line);
        }
      };
    }
  }

  /** Asks on the terminal; a password twice and without echo. */
  static final class ConsolePrompt implements RootPrompt {
    private final Terminal terminal;

    ConsolePrompt(Terminal terminal) {
      this.terminal = terminal;
    }

    @Override
    public String email(String placeholder) {
      for (int i = 0; i < ATTEMPTS; i++) {
        String line = terminal.readLine("The root user's e-mail address (empty: " + placeholder
            + "): ");
        if (line == null || line.isBlank()) {
          return null;
        }
        var problem = RootEmail.problem(line.strip());
        if (problem.isEmpty()) {
          return line.strip();
        }
        terminal.println(problem.get());
      }
      throw new IllegalArgumentException("no valid e-mail address given");
    }

    @Override
    public String password(String email, Function<String, List<String>> reasons) {
      for (int i = 0; i < ATTEMPTS; i++) {
        char[] first = terminal.readPassword("The root user's password (empty: generate one): ");
        if (first == null || first.length == 0) {
          return null;
        }
        char[] second = terminal.readPassword("The same password again: ");
        try {
          if (!Arrays.equals(first, second)) {
            terminal.println("The two passwords differ.");
            continue;
          }
          String password = new String(first);
          List<String> wrong = reasons.apply(password);
          if (wrong.isEmpty()) {
            return password;
          }
          wrong.forEach(r -> terminal.println("  " + r));
        } finally {
          Arrays.fill(first, '\0');
          if (second != null) {
            Arrays.fill(second, '\0');
          }
        }
      }
      throw new IllegalArgumentException("no acceptable root password given");
    }
  }
}
