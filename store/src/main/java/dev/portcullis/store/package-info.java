package dev.portcullis.store;
