package dev.portcullis.server;
