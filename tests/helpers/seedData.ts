/**
 * Realistic catalog records for large test catalogs: construction projects with discipline folders, drawing sheets,
 * models, specifications, RFIs and site photos, shaped exactly as each connector records them (ids, links, extras).
 * Deterministic for a given seed.
 */
import type { FileRecord } from '../../src/connectors/types.js';
import type { EndpointInput, EndpointType } from '../../src/contract/schemas.js';
import { mimeTypeFor } from '../../src/connectors/local_folder/mime.js';

/** A small fast PRNG (mulberry32): the same seed gives the same catalog. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const chars = (alphabet: string, length: number) => {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
    return out;
  };
  return { next, int, pick, chars };
}
export type Random = ReturnType<typeof createRandom>;

// A catalog this size spans many projects: a search for one project's name finds a share of it, not all of it.
const PROJECTS = [
  'Tower A',
  'Riverside Hospital',
  'Harbor Bridge',
  'North Campus Library',
  'Metro Station 4',
  'Airport Terminal B',
  'Lakeside Offices',
  'Central Station Retrofit',
  'Westgate Mall',
  'Greenfield School',
  'Pier 7 Warehouse',
  'City Hall Annex',
  'Hillcrest Housing',
  'Data Center East',
  'Museum Extension',
  'Stadium Roof',
];

const PEOPLE = [
  'Ana Souza',
  'Björn Ek',
  'Chen Wei',
  'Dana Whitfield',
  'Emeka Okafor',
  'Fatima Al-Sayed',
  'Giulia Rossi',
  'Hiro Tanaka',
  'Isabel García',
  'Jonas Berg',
  'Kiran Patel',
  'Lena Müller',
  'Marco Bianchi',
  'Nora Lindqvist',
  'Oliver Smith',
  'Priya Nair',
  'Rafael Costa',
  'Sofia Novak',
  'Tom Becker',
  'Zoë Brontë',
];

/** How a discipline folder names its files, and in which file types. */
interface Discipline {
  folder: string;
  leaves: (i: number) => string;
  name: (r: Random, leaf: number, seq: number) => string;
  /** Extensions with weights. */
  types: readonly [string, number][];
}

const sheet =
  (prefix: string, titles: readonly string[]) =>
  (r: Random, leaf: number, seq: number): string =>
    `${prefix}-${(leaf % 9) + 1}${String(seq).padStart(2, '0')} ${r.pick(titles)}${r.next() < 0.15 ? ` Rev ${r.pick(['A', 'B', 'C', 'D'])}` : ''}`;

const SPEC_SECTIONS = [
  '03 30 00 Cast-in-Place Concrete',
  '04 20 00 Unit Masonry',
  '05 12 00 Structural Steel Framing',
  '07 21 00 Thermal Insulation',
  '08 44 13 Glazed Aluminum Curtain Walls',
  '09 29 00 Gypsum Board',
  '21 13 13 Wet-Pipe Sprinkler Systems',
  '23 05 00 Common Work Results for HVAC',
  '26 05 19 Low-Voltage Electrical Conductors',
  '31 23 00 Excavation and Fill',
];

const RFI_SUBJECTS = [
  'Beam clash at grid C4',
  'Slab edge detail',
  'Door hardware',
  'Duct routing',
  'Curtain wall anchor',
  'Rebar congestion',
  'Embed plate location',
  'Fire rating of shaft wall',
  'Ceiling height conflict',
  'Drainage slope',
  'Handrail termination',
  'Expansion joint cover',
  'Generator exhaust route',
  'Parapet flashing',
  'Column offset at level 3',
  'Waterproofing lap',
];

const SUBMITTALS = [
  'Curtain wall shop drawings',
  'Concrete mix design',
  'Elevator cut sheets',
  'Fire alarm devices',
  'Roofing membrane',
  'Structural steel shop drawings',
  'Door hardware schedule',
  'Light fixtures',
  'Air handling units',
  'Plumbing fixtures',
  'Paint colours',
  'Carpet tiles',
  'Acoustic ceiling panels',
  'Switchgear',
  'Precast panels',
];

const DISCIPLINES: readonly Discipline[] = [
  {
    folder: 'Structural',
    leaves: (i) => `Level ${String(i + 1).padStart(2, '0')}`,
    name: sheet('S', [
      'Foundation Plan',
      'Framing Plan',
      'Column Schedule',
      'Beam Details',
      'Slab Reinforcement',
      'Connection Details',
      'Pile Layout',
      'Retaining Wall Sections',
      'Roof Framing',
      'Shear Wall Elevations',
      'Stair Framing',
      'General Notes',
      'Transfer Girder',
      'Core Wall Reinforcement',
    ]),
    types: [
      ['pdf', 6],
      ['dwg', 3],
      ['rvt', 0.3],
      ['ifc', 0.2],
    ],
  },
  {
    folder: 'Architectural',
    leaves: (i) => `Level ${String(i + 1).padStart(2, '0')}`,
    name: sheet('A', [
      'Floor Plan',
      'Elevations',
      'Wall Sections',
      'Door Schedule',
      'Reflected Ceiling Plan',
      'Roof Plan',
      'Stair Details',
      'Building Sections',
      'Toilet Layouts',
      'Facade Details',
      'Finish Legend',
      'Window Types',
      'Partition Types',
      'Site Plan',
    ]),
    types: [
      ['pdf', 6],
      ['dwg', 3],
      ['rvt', 0.3],
      ['skp', 0.2],
    ],
  },
  {
    folder: 'MEP',
    leaves: (i) => `Level ${String(i + 1).padStart(2, '0')}`,
    name: (r, leaf, seq) =>
      sheet(r.pick(['M', 'E', 'P', 'FP']), [
        'HVAC Layout',
        'Ductwork Sections',
        'Sprinkler Layout',
        'Single Line Diagram',
        'Equipment Pads',
        'Sanitary Riser',
        'Chilled Water Schematic',
        'Lighting Plan',
        'Power Plan',
        'Plumbing Riser',
        'Fire Protection Plan',
        'Panel Schedule',
      ])(r, leaf, seq),
    types: [
      ['pdf', 6],
      ['dwg', 3],
      ['nwd', 0.3],
    ],
  },
  {
    folder: 'Photos',
    leaves: (i) => `${2022 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')} Site visit`,
    name: (r, _leaf, seq) =>
      r.next() < 0.5 ? `IMG_${String(seq + 1000).padStart(4, '0')}` : `Site photo ${String(seq).padStart(4, '0')}`,
    types: [
      ['jpg', 8],
      ['heic', 2],
      ['mp4', 0.2],
    ],
  },
  {
    folder: 'Specifications',
    leaves: (i) => `Division ${String(i + 1).padStart(2, '0')}`,
    name: (_r, _leaf, seq) => {
      const round = Math.ceil(seq / SPEC_SECTIONS.length);
      return `${SPEC_SECTIONS[(seq - 1) % SPEC_SECTIONS.length]}${round > 1 ? ` (${round})` : ''}`;
    },
    types: [
      ['docx', 6],
      ['pdf', 4],
    ],
  },
  {
    folder: 'RFIs',
    leaves: (i) => `Batch ${String(i + 1).padStart(3, '0')}`,
    name: (r, leaf, seq) => `RFI-${String(leaf * 100 + seq).padStart(4, '0')} ${r.pick(RFI_SUBJECTS)}`,
    types: [
      ['pdf', 8],
      ['msg', 1],
      ['xlsx', 1],
    ],
  },
  {
    folder: 'Submittals',
    leaves: (i) => `Package ${String(i + 1).padStart(3, '0')}`,
    name: (r, leaf, seq) => `SUB-${String(leaf * 100 + seq).padStart(4, '0')} ${r.pick(SUBMITTALS)}`,
    types: [
      ['pdf', 7],
      ['xlsx', 2],
      ['zip', 0.5],
    ],
  },
];

/** Bytes by extension, log-uniform between a typical smallest and largest file. */
const SIZE_RANGES: Record<string, [number, number]> = {
  pdf: [150e3, 18e6],
  dwg: [300e3, 14e6],
  rvt: [40e6, 650e6],
  ifc: [5e6, 220e6],
  nwd: [20e6, 420e6],
  skp: [2e6, 90e6],
  jpg: [1.2e6, 7e6],
  heic: [0.9e6, 4e6],
  mp4: [20e6, 900e6],
  docx: [40e3, 1.6e6],
  xlsx: [20e3, 900e3],
  msg: [30e3, 2e6],
  zip: [5e6, 300e6],
};

function weighted(r: Random, types: readonly [string, number][]): string {
  const total = types.reduce((s, [, w]) => s + w, 0);
  let x = r.next() * total;
  for (const [ext, w] of types) {
    x -= w;
    if (x < 0) return ext;
  }
  return types[0]![0];
}

const FROM = Date.parse('2022-01-03T07:00:00Z');
const TO = Date.parse('2025-06-30T18:00:00Z');

/** An endpoint of one type, as the app stores it after `endpoints.create`. */
export function endpointDefinition(type: EndpointType, index: number): EndpointInput {
  const n = index < 3 ? '' : ` ${Math.floor(index / 3) + 1}`;
  switch (type) {
    case 'autodesk_acc':
      return {
        type,
        name: `Contoso ACC${n}`,
        settings: {
          auth: { type: 'client_credentials', clientId: 'contoso-aps-app', clientSecretEnv: 'ACC_CLIENT_SECRET' },
        },
        schedule: { type: 'manual' },
      };
    case 'google_drive':
      return {
        type,
        name: `Design team Drive${n}`,
        settings: { auth: { type: 'service_account', keyFile: '/etc/file-connector/drive-key.json' } },
        schedule: { type: 'manual' },
      };
    case 'local_folder':
      return {
        type,
        name: `Site server${n}`,
        settings: { path: `/mnt/projects/site-server${n.trim() ? `-${n.trim()}` : ''}` },
        schedule: { type: 'manual' },
      };
  }
}

/** Identity, links and extras of an entry: what differs between the connectors. */
interface Flavor {
  folderMime: string;
  id(path: string, isFolder: boolean): string;
  /** The parent's source id as the connector records it for a project folder. */
  rootParent: string | null;
  /** What paths start with (Drive: the shared drive's name). */
  prefix: string;
  /** The record of a project's own folder, where the connector makes it special (ACC projects). */
  project?(name: string): Partial<FileRecord>;
  fields(r: Random, id: string, ext: string | null, isFolder: boolean, project: string): Partial<FileRecord>;
}

const HEX = '0123456789abcdef';
const uuid = (r: Random) =>
  `${r.chars(HEX, 8)}-${r.chars(HEX, 4)}-4${r.chars(HEX, 3)}-a${r.chars(HEX, 3)}-${r.chars(HEX, 12)}`;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function accFlavor(r: Random): Flavor {
  const hubId = `b.${uuid(r)}`;
  const projectIds = new Map(PROJECTS.map((p) => [p, `b.${uuid(r)}`]));
  const place = (project: string) => ({ hubId, region: 'US', projectId: projectIds.get(project)! });
  return {
    folderMime: 'inode/directory',
    rootParent: hubId,
    prefix: '',
    id: (_path, isFolder) =>
      isFolder
        ? `urn:adsk.wipprod:fs.folder:co.${r.chars(B64, 22)}`
        : `urn:adsk.wipprod:dm.lineage:${r.chars(B64, 22)}`,
    project: (name) => ({
      sourceId: projectIds.get(name)!,
      createdTime: null,
      modifiedTime: null,
      createdBy: null,
      modifiedBy: null,
      webUrl: null,
      extras: { kind: 'project', projectId: projectIds.get(name)!, hubId, hubName: 'Contoso Build', region: 'US' },
    }),
    fields: (rr, id, ext, isFolder, project) => {
      const web = `https://acc.autodesk.com/docs/files/projects/${projectIds.get(project)!.slice(2)}`;
      if (isFolder) {
        return {
          webUrl: `${web}?folderUrn=${encodeURIComponent(id)}`,
          extras: { kind: 'folder', ...place(project), hidden: false },
        };
      }
      const versionNumber = rr.int(1, 9);
      const tip = `urn:adsk.wipprod:fs.file:vf.${id.slice(-22)}?version=${versionNumber}`;
      return {
        version: String(versionNumber),
        webUrl: `${web}?entityId=${encodeURIComponent(tip)}`,
        downloadUrl: `urn:adsk.objects:os.object:wip.dm.prod/${uuid(rr)}.${ext ?? 'bin'}`,
        extras: { kind: 'file', ...place(project), tipVersionId: tip, versionNumber, fileType: ext, hidden: false },
      };
    },
  };
}

function driveFlavor(r: Random): Flavor {
  const driveId = `0A${r.chars(B64, 17)}Uk9PVA`;
  return {
    folderMime: 'application/vnd.google-apps.folder',
    rootParent: driveId,
    prefix: 'Projects/',
    id: () => `1${r.chars(B64, 32)}`,
    fields: (rr, id, _ext, isFolder) => {
      const owner = rr.pick(PEOPLE);
      const email = `${owner.split(' ')[0]!.toLowerCase()}@contoso-build.com`;
      return {
        version: String(rr.int(1, 40)),
        checksum: isFolder ? null : rr.chars(HEX, 32),
        webUrl: isFolder
          ? `https://drive.google.com/drive/folders/${id}`
          : `https://drive.google.com/file/d/${id}/view?usp=drivesdk`,
        downloadUrl: isFolder ? null : `https://drive.google.com/uc?id=${id}&export=download`,
        extras: { driveId, shared: true, owners: [email], lastModifyingUserEmail: email },
      };
    },
  };
}

const localFlavor: Flavor = {
  folderMime: 'inode/directory',
  rootParent: null,
  prefix: '',
  id: (path) => path,
  fields: () => ({}),
};

function flavor(type: EndpointType, r: Random): Flavor {
  if (type === 'autodesk_acc') return accFlavor(r);
  if (type === 'google_drive') return driveFlavor(r);
  return localFlavor;
}

/**
 * Yields `files` file records (and the folders above them, first) for one endpoint of `type`: projects, discipline
 * folders, leaf folders of 40 to 160 files. Parents always come before their children, as a connector lists them.
 */
export function* endpointRecords(type: EndpointType, files: number, r: Random): Generator<FileRecord> {
  const f = flavor(type, r);
  // Local files carry no person; the cloud sources name who created and changed each entry.
  const people = type === 'local_folder' ? null : PEOPLE;
  let made = 0;
  let leafNo = 0;
  const folders = new Map<string, string>();

  function* folder(
    path: string,
    name: string,
    parentId: string | null,
    project: string,
    isProject = false,
  ): Generator<FileRecord, string> {
    const known = folders.get(path);
    if (known) return known;
    const modified = FROM + r.next() * (TO - FROM);
    const who = people ? r.pick(people) : null;
    const record: FileRecord = {
      sourceId: f.id(path, true),
      name,
      path,
      parentId,
      isFolder: true,
      mimeType: f.folderMime,
      extension: null,
      size: null,
      checksum: null,
      version: null,
      createdTime: new Date(modified - r.int(0, 90) * 86_400_000).toISOString(),
      modifiedTime: new Date(modified).toISOString(),
      createdBy: who,
      modifiedBy: who,
      webUrl: null,
      downloadUrl: null,
      trashed: false,
      extras: null,
    };
    Object.assign(record, f.fields(r, record.sourceId, null, true, project));
    if (isProject && f.project) Object.assign(record, f.project(project));
    folders.set(path, record.sourceId);
    yield record;
    return record.sourceId;
  }

  while (made < files) {
    const project = PROJECTS[leafNo % PROJECTS.length]!;
    const discipline = DISCIPLINES[Math.floor(leafNo / PROJECTS.length) % DISCIPLINES.length]!;
    const leafIndex = Math.floor(leafNo / (PROJECTS.length * DISCIPLINES.length));
    leafNo++;
    const projectPath = `${f.prefix}${project}`;
    const projectId = yield* folder(projectPath, project, f.rootParent, project, true);
    // ACC projects hold their files under the "Project Files" top folder.
    const top = type === 'autodesk_acc' ? `${projectPath}/Project Files` : projectPath;
    const topId = type === 'autodesk_acc' ? yield* folder(top, 'Project Files', projectId, project) : projectId;
    const disciplinePath = `${top}/${discipline.folder}`;
    const disciplineId = yield* folder(disciplinePath, discipline.folder, topId, project);
    const leafName = discipline.leaves(leafIndex);
    const leafPath = `${disciplinePath}/${leafName}`;
    const leafId = yield* folder(leafPath, leafName, disciplineId, project);

    const count = Math.min(files - made, r.int(40, 160));
    for (let seq = 1; seq <= count; seq++) {
      const ext = weighted(r, discipline.types);
      const name = `${discipline.name(r, leafIndex, seq)}.${ext}`;
      const path = `${leafPath}/${name}`;
      const [lo, hi] = SIZE_RANGES[ext] ?? [1e3, 1e6];
      const modified = FROM + r.next() * (TO - FROM);
      const author = people ? r.pick(people) : null;
      const record: FileRecord = {
        sourceId: f.id(path, false),
        name,
        path,
        parentId: leafId,
        isFolder: false,
        mimeType: mimeTypeFor(ext),
        extension: ext,
        size: Math.round(lo * Math.pow(hi / lo, r.next())),
        checksum: null,
        version: null,
        createdTime: new Date(modified - r.int(0, 400) * 86_400_000 - r.int(0, 86_399_999)).toISOString(),
        modifiedTime: new Date(modified).toISOString(),
        createdBy: author,
        // People change files they did not create about a third of the time.
        modifiedBy: people && r.next() < 0.35 ? r.pick(people) : author,
        webUrl: null,
        downloadUrl: null,
        trashed: false,
        extras: null,
      };
      yield Object.assign(record, f.fields(r, record.sourceId, ext, false, project));
      made++;
    }
  }
}
