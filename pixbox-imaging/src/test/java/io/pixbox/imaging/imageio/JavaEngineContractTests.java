package io.pixbox.imaging.imageio;

import io.pixbox.imaging.engine.ImageEngine;
import io.pixbox.imaging.engine.ImageEngineContract;
import io.pixbox.imaging.format.ImageFormat;
import java.util.EnumSet;
import java.util.Set;

/** The engine contract, run against the pure-Java engine. */
class JavaEngineContractTests extends ImageEngineContract {

    @Override
    protected ImageEngine engine() {
        return new JavaEngine();
    }

    @Override
    protected Set<ImageFormat> writableFormats() {
        return EnumSet.of(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.GIF);
    }
}
