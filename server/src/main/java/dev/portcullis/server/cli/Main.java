package dev.portcullis.server.cli;

import dev.portcullis.server.ApiCoverage;
import java.util.List;

/** The {@code portcullis} command line: {@code serve} and {@code api-coverage}. */
public final class Main {
  static final String VERSION = "portcullis 0.1.0";
  private static final String USAGE = """
      Usage: portcullis COMMAND [OPTIONS]
      An identity and access management server compatible with AWS IAM and STS.

      Commands:
        serve          serve IAM and STS on one endpoint (see: portcullis serve --help)
        api-coverage   print which IAM and STS operations are implemented (Markdown)
        warm-up        start and exercise a throw-away server (the launcher's CDS training run)
        --version      print the version
      """;

  private Main() {}

  public static void main(String[] args) {
    int code = run(List.of(args));
    if (code != 0) {
      System.exit(code);
    }
  }

  static int run(List<String> args) {
    String command = args.isEmpty() ? "--help" : args.get(0);
    List<String> rest = args.subList(Math.min(1, args.size()), args.size());
    try {
      switch (command) {
        case "serve" -> {
          Options o = Options.parse(rest, ServeCommand.OPTIONS);
          if (o.help()) {
            System.out.print(Options.usage(ServeCommand.SYNOPSIS, ServeCommand.DESCRIPTION,
                ServeCommand.OPTIONS));
            return 0;
          }
          return ServeCommand.run(o);
        }
        case "api-coverage" -> {
          Options.parse(rest, List.of());
          System.out.print(ApiCoverage.markdown());
          return 0;
        }
        case "warm-up" -> {
          Options.parse(rest, List.of());
          return WarmUpCommand.run();
        }
        case "--version", "-V" -> {
          System.out.println(VERSION);
          return 0;
        }
        case "--help", "-h", "help" -> {
          System.out.print(USAGE);
          return 0;
        }
        default -> throw new Options.UsageException("unknown command: " + command);
      }
    } catch (Options.UsageException e) {
      System.err.println("portcullis: " + e.getMessage());
      System.err.print(USAGE);
      return 2;
    } catch (Exception e) {
      System.err.println("portcullis: " + e.getMessage());
      return 1;
    }
  }
}
