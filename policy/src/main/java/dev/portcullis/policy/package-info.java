package dev.portcullis.policy;
