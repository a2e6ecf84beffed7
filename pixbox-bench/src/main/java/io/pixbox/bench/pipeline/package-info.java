/** The end-to-end benchmark of the pipeline service: the load client and the local S3 server that pipeline.sh runs. */
package io.pixbox.bench.pipeline;
