/** Mime types by extension: a small built-in map, so cataloguing never reads file contents. */

/** The mime type every folder gets. */
export const FOLDER_MIME = 'inode/directory';

/** What an unknown extension maps to. */
export const UNKNOWN_MIME = 'application/octet-stream';

// A Map, not an object, so names like `constructor` cannot hit Object.prototype.
// CAD/BIM formats have no registered types; the vendor-style names below are the ones commonly seen in practice.
const byExtension: ReadonlyMap<string, string> = new Map(
  Object.entries({
    pdf: 'application/pdf',
    dwg: 'image/vnd.dwg',
    dxf: 'image/vnd.dxf',
    dwf: 'model/vnd.dwf',
    dwfx: 'model/vnd.dwfx+xps',
    dgn: 'image/vnd.dgn',
    rvt: 'application/vnd.autodesk.revit',
    rfa: 'application/vnd.autodesk.revit-family',
    rte: 'application/vnd.autodesk.revit-template',
    nwd: 'application/vnd.autodesk.navisworks',
    nwc: 'application/vnd.autodesk.navisworks-cache',
    nwf: 'application/vnd.autodesk.navisworks-fileset',
    ifc: 'application/x-step',
    step: 'application/step',
    stp: 'application/step',
    skp: 'application/vnd.sketchup.skp',
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    doc: 'application/msword',
    xls: 'application/vnd.ms-excel',
    ppt: 'application/vnd.ms-powerpoint',
    odt: 'application/vnd.oasis.opendocument.text',
    ods: 'application/vnd.oasis.opendocument.spreadsheet',
    rtf: 'application/rtf',
    msg: 'application/vnd.ms-outlook',
    eml: 'message/rfc822',
    txt: 'text/plain',
    log: 'text/plain',
    csv: 'text/csv',
    md: 'text/markdown',
    html: 'text/html',
    htm: 'text/html',
    json: 'application/json',
    xml: 'application/xml',
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    gif: 'image/gif',
    tif: 'image/tiff',
    tiff: 'image/tiff',
    bmp: 'image/bmp',
    svg: 'image/svg+xml',
    webp: 'image/webp',
    heic: 'image/heic',
    zip: 'application/zip',
    '7z': 'application/x-7z-compressed',
    rar: 'application/vnd.rar',
    gz: 'application/gzip',
    tar: 'application/x-tar',
    mp4: 'video/mp4',
    mov: 'video/quicktime',
    avi: 'video/x-msvideo',
    mp3: 'audio/mpeg',
    wav: 'audio/wav',
  }),
);

/** Lower-case extension of a file name without the dot, or null (dot files like `.env` have none). */
export function extensionOf(name: string): string | null {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return null;
  return name.slice(dot + 1).toLowerCase();
}

/** Mime type for a file's extension; unknown or missing extensions give `application/octet-stream`. */
export function mimeTypeFor(extension: string | null): string {
  return (extension !== null && byExtension.get(extension)) || UNKNOWN_MIME;
}
