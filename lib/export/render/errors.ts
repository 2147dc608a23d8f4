// The one error a render raises: it names the file (when the caller gave a name) and says why, in words an admin
// can act on. A render never falls back to an empty or black picture.

export class RenderError extends Error {
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(file ? `${file}: ${message}` : message);
    this.name = "RenderError";
  }
}
