package io.pixbox.server.imaging;

import io.pixbox.imaging.ImagingException;
import io.pixbox.imaging.ImagingException.EngineUnavailable;
import io.pixbox.imaging.ImagingException.InvalidRecipe;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad preset or a missing engine at start-up into one readable report instead of a stack trace. */
class ImagingFailureAnalyzer extends AbstractFailureAnalyzer<ImagingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ImagingException cause) {
        String action = switch (cause) {
            case InvalidRecipe _ -> "Correct the recipe in pixbox.imaging.presets "
                    + "(environment: PIXBOX_IMAGING_PRESETS_<NAME>).";
            case EngineUnavailable _ -> "Install libvips (Debian: apt-get install libvips42) "
                    + "or set pixbox.imaging.engine (PIXBOX_IMAGING_ENGINE) to auto or java.";
            default -> "Check the pixbox.imaging settings.";
        };
        return new FailureAnalysis(cause.getMessage() + " [" + cause.code() + "]", action, cause);
    }
}
