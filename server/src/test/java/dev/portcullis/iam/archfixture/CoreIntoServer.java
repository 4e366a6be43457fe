package dev.portcullis.iam.archfixture;

import dev.portcullis.server.ServerConfig;

/** A core class that reaches up into the server: breaks a layer rule on purpose. */
public final class CoreIntoServer {
  ServerConfig config;
}
