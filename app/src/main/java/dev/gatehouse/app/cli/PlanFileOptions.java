package dev.gatehouse.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The file diff and apply compare with the live runtime, and the tags that limit the comparison. */
public final class PlanFileOptions {

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "The decK or Kuma YAML file.")
    Path file;

    @Option(
            names = "--select-tag",
            paramLabel = "TAG",
            description = "Only entities carrying this tag (repeatable; all of them), as decK's --select-tag.")
    List<String> selectTags = new ArrayList<>();
}
