package io.pixbox.imaging.vips;

import io.pixbox.imaging.engine.ImageEngine;
import io.pixbox.imaging.engine.ImageEngineContract;
import io.pixbox.imaging.format.ImageFormat;
import java.util.EnumSet;
import java.util.Set;

/** The engine contract, run against libvips. */
class VipsEngineContractTests extends ImageEngineContract {

    @Override
    protected ImageEngine engine() {
        return VipsEngine.load();
    }

    @Override
    protected Set<ImageFormat> writableFormats() {
        return EnumSet.allOf(ImageFormat.class);
    }
}
