package dev.portcullis.iam;
