package org.statefed.packaging;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** docker-compose.yml as Compose reads it (anchors and merge keys resolved), with the lookups the tests need. */
final class ComposeFile {
    private final Path dir;
    private final Map<String, Map<String, Object>> services;

    private ComposeFile(Path dir, Map<String, Map<String, Object>> services) {
        this.dir = dir;
        this.services = services;
    }

    @SuppressWarnings("unchecked")
    static ComposeFile read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            Map<String, Map<String, Object>> services = new LinkedHashMap<>();
            ((Map<String, Object>) root.get("services")).forEach((name, service) ->
                    services.put(name, (Map<String, Object>) service));
            return new ComposeFile(file.toAbsolutePath().getParent(), services);
        }
    }

    Map<String, Map<String, Object>> services() {
        return services;
    }

    /** The services of image {@code prefix...}. */
    List<String> servicesOfImage(String prefix) {
        return services.entrySet().stream()
                .filter(e -> String.valueOf(e.getValue().get("image")).startsWith(prefix))
                .map(Map.Entry::getKey).toList();
    }

    /** The service's bind mounts: the host file (resolved against the compose file's directory) by container path. */
    Map<String, Path> mounts(String service) {
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (Object volume : list(service, "volumes")) {
            String[] parts = volume.toString().split(":");
            if (parts[0].startsWith(".")) {
                mounts.put(parts[1], dir.resolve(parts[0]).normalize());
            }
        }
        return mounts;
    }

    /** The host file mounted at {@code containerPath} in {@code service}. */
    Optional<Path> mounted(String service, String containerPath) {
        return Optional.ofNullable(mounts(service).get(containerPath));
    }

    /** The value of {@code key} in the service's {@code environment} mapping. */
    @SuppressWarnings("unchecked")
    String environment(String service, String key) {
        Object value = ((Map<String, Object>) services.get(service).get("environment")).get(key);
        if (value == null) {
            throw new AssertionError("service " + service + " has no environment variable " + key);
        }
        return value.toString();
    }

    List<Object> list(String service, String key) {
        Object value = services.get(service).get(key);
        return value instanceof List<?> list ? List.copyOf(list) : List.of();
    }
}
