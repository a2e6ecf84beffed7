package io.pixbox.cli.process;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the files and directories named on the command line into the files to process: directories
 * recursively, shallowest files first and then by name, without hidden files or the output directory. Whether a file is an image
 * is left to the processor, which reads its content.
 */
public final class Inputs {

    private Inputs() {
    }

    /**
     * @param outDir not searched (null for none), so that earlier outputs inside an input directory are not processed again
     * @throws IllegalArgumentException when a path does not exist or is neither a file nor a directory
     */
    public static List<Path> expand(List<Path> paths, Path outDir) throws IOException {
        Path skip = outDir == null ? null : outDir.toAbsolutePath().normalize();
        Map<Path, Path> files = new LinkedHashMap<>(); // by real path, so a file named twice is processed once
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                for (Path file : walk(path, skip)) {
                    files.putIfAbsent(file.toRealPath(), file);
                }
            } else if (Files.isRegularFile(path)) {
                files.putIfAbsent(path.toRealPath(), path);
            } else if (Files.exists(path)) {
                throw new IllegalArgumentException("not a file or directory: " + path);
            } else {
                throw new IllegalArgumentException("no such file or directory: " + path);
            }
        }
        return List.copyOf(files.values());
    }

    private static List<Path> walk(Path directory, Path skip) throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                boolean hidden = !dir.equals(directory) && isHidden(dir);
                return hidden || dir.toAbsolutePath().normalize().equals(skip)
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (!isHidden(file) && Files.isRegularFile(file)) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        // Shallowest first, so a file keeps its name over a namesake deeper down (see Batch.outputNames).
        files.sort(Comparator.comparingInt(Path::getNameCount).thenComparing(Path::toString));
        return files;
    }

    private static boolean isHidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }
}
