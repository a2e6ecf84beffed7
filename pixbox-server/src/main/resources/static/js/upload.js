// The upload page: files are checked against the server's limits here first, then sent one request each so
// that every file has its own progress bar; the server's problem detail is shown when it refuses one anyway.
(() => {
  "use strict";
  const form = document.getElementById("upload");
  if (!form) {
    return;
  }
  const input = document.getElementById("files");
  const dropzone = document.getElementById("dropzone");
  const start = document.getElementById("start");
  const progressSection = document.getElementById("progress");
  const queue = document.getElementById("queue");
  const overall = document.getElementById("overall");
  const overallText = document.getElementById("overall-text");
  const result = document.getElementById("upload-result");
  const limits = {
    maxBytes: Number(form.dataset.maxBytes),
    maxSize: form.dataset.maxSize,
    types: form.dataset.types.split(","),
    extensions: form.dataset.extensions.split(","),
    formatNames: form.dataset.formatNames,
    perPost: Number(form.dataset.maxPerPost),
  };
  const PARALLEL = 2;
  let pending = [];
  let refusedHere = 0;

  function size(bytes) {
    if (bytes >= 1024 * 1024) {
      return (bytes / (1024 * 1024)).toFixed(1) + " MB";
    }
    return bytes >= 1024 ? Math.round(bytes / 1024) + " KB" : bytes + " bytes";
  }

  /** Why the server would refuse this file, or null: the same limits it holds files to. */
  function refusal(file) {
    const dot = file.name.lastIndexOf(".");
    const extension = dot >= 0 ? file.name.slice(dot).toLowerCase() : "";
    const typeKnown = file.type ? limits.types.includes(file.type) : limits.extensions.includes(extension);
    if (!typeKnown) {
      return file.name + ": not a photo Pixbox accepts; it takes " + limits.formatNames + ".";
    }
    if (file.size > limits.maxBytes) {
      return file.name + ": " + size(file.size) + " is over the limit of " + limits.maxSize + " a file.";
    }
    if (file.size === 0) {
      return file.name + ": the file is empty.";
    }
    return null;
  }

  function add(files) {
    progressSection.hidden = false;
    for (const file of files) {
      const row = document.createElement("li");
      const name = document.createElement("span");
      name.className = "name";
      name.textContent = file.name + " (" + size(file.size) + ")";
      const bar = document.createElement("progress");
      bar.max = 100;
      bar.value = 0;
      bar.setAttribute("aria-label", "Upload of " + file.name);
      const status = document.createElement("span");
      status.className = "status";
      row.append(name, bar, status);
      queue.append(row);
      const why = refusal(file);
      const item = { file, row, bar, status, loaded: 0, done: false };
      if (why) {
        bar.hidden = true;
        refusedHere++;
        refuse(item, why);
      } else {
        status.textContent = "Ready";
        pending.push(item);
      }
    }
    start.disabled = pending.length === 0;
  }

  function refuse(item, message) {
    item.done = true;
    item.row.classList.add("refused");
    item.status.textContent = message;
    item.status.setAttribute("role", "alert");
  }

  function updateOverall(items) {
    const total = items.reduce((sum, item) => sum + item.file.size, 0);
    const loaded = items.reduce((sum, item) => sum + item.loaded, 0);
    overall.value = total === 0 ? 100 : Math.round((loaded / total) * 100);
    const finished = items.filter((item) => item.done).length;
    overallText.textContent = finished + " of " + items.length + " done";
  }

  /** Sends one file; resolves with the stored image, or null when the server refused it. */
  function send(item, items) {
    return new Promise((resolve) => {
      const request = new XMLHttpRequest();
      const body = new FormData();
      body.append("file", item.file, item.file.name);
      request.open("POST", "/upload");
      window.pixbox.secure(request);
      request.upload.addEventListener("progress", (event) => {
        if (event.lengthComputable) {
          // The request carries a little more than the file: count the file's share.
          item.loaded = Math.min(item.file.size, Math.round(item.file.size * (event.loaded / event.total)));
          item.bar.value = Math.round((event.loaded / event.total) * 100);
          updateOverall(items);
        }
      });
      request.addEventListener("load", () => {
        item.loaded = item.file.size;
        item.bar.value = 100;
        item.done = true;
        if (request.status === 202) {
          const image = JSON.parse(request.responseText).images[0];
          item.row.classList.add("uploaded");
          item.status.textContent = "";
          const link = document.createElement("a");
          link.href = "/images/" + image.id;
          link.textContent = "Uploaded: processing (" + image.jobs.length + " sizes)";
          item.status.append(link);
          updateOverall(items);
          resolve(image);
        } else {
          refuse(item, window.pixbox.problemText(request.responseText, request.status));
          if (request.status === 401) {
            window.pixbox.refused(request.responseText, request.status);
          }
          updateOverall(items);
          resolve(null);
        }
      });
      request.addEventListener("error", () => {
        refuse(item, item.file.name + ": the upload failed: the server could not be reached.");
        updateOverall(items);
        resolve(null);
      });
      request.send(body);
    });
  }

  async function post(imageIds, caption) {
    const links = [];
    for (let i = 0; i < imageIds.length; i += limits.perPost) {
      const body = new URLSearchParams();
      body.append("caption", caption);
      imageIds.slice(i, i + limits.perPost).forEach((id) => body.append("imageId", id));
      const answer = await window.pixbox.send("POST", "/posts", body);
      if (!answer.ok) {
        throw new Error(window.pixbox.problemText(await answer.text(), answer.status));
      }
      links.push(await answer.json());
    }
    return links;
  }

  async function uploadAll() {
    const items = pending;
    pending = [];
    start.disabled = true;
    input.disabled = true;
    result.textContent = "";
    items.forEach((item) => { item.status.textContent = "Waiting"; });
    const images = new Array(items.length).fill(null);
    let next = 0;
    async function worker() {
      while (next < items.length) {
        const index = next++;
        items[index].status.textContent = "Uploading…";
        images[index] = await send(items[index], items);
      }
    }
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    input.disabled = false;
    const stored = images.filter((image) => image !== null);
    const refused = items.length - stored.length + refusedHere;
    refusedHere = 0;
    let summary = stored.length + " uploaded" + (refused > 0 ? ", " + refused + " refused" : "") + ".";
    if (stored.length > 0 && document.getElementById("share").checked) {
      try {
        await post(stored.map((image) => image.id), document.getElementById("caption").value);
        summary += " Posted to the feed.";
        result.textContent = summary + " ";
        const link = document.createElement("a");
        link.href = "/";
        link.textContent = "See the feed";
        result.append(link);
        return;
      } catch (failure) {
        summary += " Not posted: " + failure.message;
      }
    }
    result.textContent = summary;
  }

  input.addEventListener("change", () => {
    add(input.files);
    input.value = "";
  });
  ["dragenter", "dragover"].forEach((type) => dropzone.addEventListener(type, (event) => {
    event.preventDefault();
    dropzone.classList.add("over");
  }));
  ["dragleave", "drop"].forEach((type) => dropzone.addEventListener(type, () => dropzone.classList.remove("over")));
  dropzone.addEventListener("drop", (event) => {
    event.preventDefault();
    add(event.dataTransfer.files);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (pending.length > 0) {
      uploadAll();
    }
  });
})();
