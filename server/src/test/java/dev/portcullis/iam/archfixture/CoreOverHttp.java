package dev.portcullis.iam.archfixture;

import org.eclipse.jetty.server.Request;

/** A core class that reads an HTTP request: breaks a layer rule on purpose. */
public final class CoreOverHttp {
  Request request;
}
