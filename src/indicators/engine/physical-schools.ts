/**
 * Rows of the `schools` table folded into one record per school (school_code): what the school-wide rules
 * (G3 special rooms, G4 school size, G12 certificates, Q4 training funds, the large-school ledger) look at.
 * Unlike resource allocation, teaching points are not merged here: a teaching point is not a campus of its
 * parent for room or size limits.
 */
import type { SchoolRow, SchoolType } from './county-data';

export interface PhysicalSchool {
  readonly school_code: string;
  readonly school_name: string;
  readonly school_type: SchoolType;
  /** First row of the school; its attributes (build year, location) stand for the school. */
  readonly row: SchoolRow;
  /** Primary + junior students (senior-high students are not compulsory). */
  compulsoryStudents: number;
  /** null when any row of the school does not report the figure. */
  classes: number | null;
  musicRooms: number | null;
  musicRoomMinArea: number | null;
  artRooms: number | null;
  artRoomMinArea: number | null;
  fullTimeTeachers: number | null;
  certifiedTeachers: number | null;
  publicFunds: number | null;
  trainingFunds: number | null;
}

const addKnown = (a: number | null, b: number | null): number | null =>
  a === null || b === null ? null : a + b;

/**
 * Smallest room area so far: `undefined` while no row had such rooms, `null` once a row has rooms but no
 * area (then the minimum is unknown).
 */
function foldMinArea(
  current: number | null | undefined,
  rooms: number | null,
  area: number | null,
): number | null | undefined {
  if (rooms === 0) return current;
  if (rooms === null || area === null || current === null) return null;
  return current === undefined ? area : Math.min(current, area);
}

export function compulsoryStudentsOf(row: SchoolRow): number {
  return row.level === 'combined' ? (row.students_primary ?? 0) + (row.students_junior ?? 0) : row.students;
}

type Building = Omit<PhysicalSchool, 'musicRoomMinArea' | 'artRoomMinArea'> & {
  musicRoomMinArea: number | null | undefined;
  artRoomMinArea: number | null | undefined;
};

export function physicalSchools(schools: readonly SchoolRow[]): PhysicalSchool[] {
  const byCode = new Map<string, Building>();
  for (const row of schools) {
    let school = byCode.get(row.school_code);
    if (!school) {
      school = {
        school_code: row.school_code,
        school_name: row.school_name,
        school_type: row.school_type,
        row,
        compulsoryStudents: 0,
        classes: 0,
        musicRooms: 0,
        musicRoomMinArea: undefined,
        artRooms: 0,
        artRoomMinArea: undefined,
        fullTimeTeachers: 0,
        certifiedTeachers: 0,
        publicFunds: 0,
        trainingFunds: 0,
      };
      byCode.set(row.school_code, school);
    }
    school.compulsoryStudents += compulsoryStudentsOf(row);
    school.classes = addKnown(school.classes, row.classes);
    school.musicRoomMinArea = foldMinArea(
      school.musicRoomMinArea,
      row.music_rooms,
      row.music_room_min_area_m2,
    );
    school.musicRooms = addKnown(school.musicRooms, row.music_rooms);
    school.artRoomMinArea = foldMinArea(school.artRoomMinArea, row.art_rooms, row.art_room_min_area_m2);
    school.artRooms = addKnown(school.artRooms, row.art_rooms);
    school.fullTimeTeachers = addKnown(school.fullTimeTeachers, row.full_time_teachers);
    school.certifiedTeachers = addKnown(school.certifiedTeachers, row.certified_teachers);
    school.publicFunds = addKnown(school.publicFunds, row.public_funds_yuan);
    school.trainingFunds = addKnown(school.trainingFunds, row.training_funds_yuan);
  }
  const out: PhysicalSchool[] = [];
  for (const school of byCode.values()) {
    school.musicRoomMinArea ??= null;
    school.artRoomMinArea ??= null;
    out.push(school as PhysicalSchool); // no undefined left after the two lines above
  }
  return out;
}
