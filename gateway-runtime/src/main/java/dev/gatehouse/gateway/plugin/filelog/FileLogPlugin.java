package dev.gatehouse.gateway.plugin.filelog;

import dev.gatehouse.gateway.log.RequestLog;
import dev.gatehouse.gateway.plugin.BundledPlugin;
import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.plugin.PluginInstance;
import dev.gatehouse.gateway.schema.Field;
import dev.gatehouse.gateway.schema.NamedField;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.schema.Typedefs;
import java.nio.file.Path;
import java.util.List;

/**
 * The file-log plugin (Kong's {@code kong/plugins/file-log}, priority 9): each finished request, serialized with
 * Kong's basic log serializer, is appended to {@code path} as one JSON line by a writer thread, never on the proxy's
 * event loop. The credentials a request carried in its query string or headers are written as {@code REDACTED}
 * ({@code log.CredentialRedaction}). {@code custom_fields_by_lua} needs Kong's Lua sandbox and is refused.
 */
public final class FileLogPlugin extends BundledPlugin {

    public static final String NAME = "file-log";

    private static final Schema SCHEMA = Schema.builder(NAME)
            .field("protocols", Typedefs.PROTOCOLS_FIELD)
            .field(
                    "config",
                    Field.record(List.of(
                                    NamedField.of(
                                            "path",
                                            Field.string()
                                                    .required(true)
                                                    .match("^[^%s*&%%\\`][^*&%%\\`]*[^%s*&%%\\`]$")
                                                    .err("not a valid filename")
                                                    .description("The file path of the output log file. The plugin"
                                                            + " creates the log file if it doesn't exist yet.")),
                                    NamedField.of(
                                            "reopen",
                                            Field.bool()
                                                    .required(true)
                                                    .defaultValue(false)
                                                    .description("Determines whether the log file is closed and"
                                                            + " reopened on every request.")),
                                    NamedField.of("custom_fields_by_lua", Typedefs.LUA_CODE)))
                            .build())
            .build();

    private final FileLogWriter writer = new FileLogWriter();

    public FileLogPlugin() {
        super(NAME, 9, SCHEMA, List.of());
    }

    @Override
    public PluginHandler handler(PluginInstance instance) {
        Path path = Path.of(instance.config().path("path").asText());
        boolean reopen = instance.config().path("reopen").asBoolean(false);
        return new PluginHandler() {
            @Override
            public void log(RequestLog log) {
                writer.offer(path, reopen, log);
            }
        };
    }

    /** Entries dropped because the writer's queue was full. */
    public long dropped() {
        return writer.dropped();
    }

    @Override
    public void close() {
        writer.close();
    }
}
