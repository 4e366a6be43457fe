package dev.portcullis.store.archfixture;

import org.eclipse.jetty.server.Request;

/** A store class that reads an HTTP request: breaks a layer rule on purpose. */
public final class StoreOverHttp {
  Request request;
}
