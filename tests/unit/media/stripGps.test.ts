import { blankXmpGps, hasGpsInTiff, removeGpsFromTiff } from '../../../src/plugins/press-media/server/media/stripGps';

/** A little-endian TIFF structure: IFD0 with Artist, a GPS pointer and Copyright; a GPS IFD with a latitude. */
const tiffWithGps = (): Buffer => {
  const data = Buffer.alloc(200);
  data.write('II', 0, 'latin1');
  data.writeUInt16LE(42, 2);
  data.writeUInt32LE(8, 4);
  const entry = (ifd: number, i: number, tag: number, type: number, count: number, value: number) => {
    const at = ifd + 2 + i * 12;
    data.writeUInt16LE(tag, at);
    data.writeUInt16LE(type, at + 2);
    data.writeUInt32LE(count, at + 4);
    data.writeUInt32LE(value, at + 8);
  };
  data.writeUInt16LE(3, 8);
  entry(8, 0, 0x013b, 2, 4, Buffer.from('Ada\0').readUInt32LE(0));
  entry(8, 1, 0x8825, 4, 1, 60);
  entry(8, 2, 0x8298, 2, 4, Buffer.from('(C)\0').readUInt32LE(0));
  data.writeUInt32LE(0, 8 + 2 + 36);
  data.writeUInt16LE(1, 60);
  entry(60, 0, 0x0002, 5, 3, 100);
  for (let i = 0; i < 6; i += 1) data.writeUInt32LE(43 + i, 100 + i * 4);
  return data;
};

describe('removeGpsFromTiff', () => {
  it('drops the GPS pointer, keeps the other entries in order, and zeroes the GPS data', () => {
    const data = tiffWithGps();
    expect(hasGpsInTiff(data, 0, data.length)).toBe(true);
    expect(removeGpsFromTiff(data, 0, data.length)).toBe(true);
    expect(hasGpsInTiff(data, 0, data.length)).toBe(false);
    expect(data.readUInt16LE(8)).toBe(2);
    expect([data.readUInt16LE(10), data.readUInt16LE(22)]).toEqual([0x013b, 0x8298]);
    expect(data.readUInt32LE(10 + 24)).toBe(0);
    expect(data.subarray(60, 124).every((byte) => byte === 0)).toBe(true);
    expect(data.length).toBe(200);
  });

  it('leaves a structure without GPS, or no TIFF at all, untouched', () => {
    const data = tiffWithGps();
    removeGpsFromTiff(data, 0, data.length);
    const copy = Buffer.from(data);
    expect(removeGpsFromTiff(data, 0, data.length)).toBe(false);
    expect(data.equals(copy)).toBe(true);
    expect(removeGpsFromTiff(Buffer.from('not a tiff at all'), 0, 17)).toBe(false);
  });
});

describe('blankXmpGps', () => {
  it('blanks GPS properties, attributes and elements, at the same length', () => {
    const xmp =
      '<rdf:Description exif:GPSLatitude="43,36.03N" dc:creator="Ada" exif:GPSLongitude="3,52.6E">' +
      '<exif:GPSAltitude>12/1</exif:GPSAltitude><photoshop:Credit>Diversidays</photoshop:Credit></rdf:Description>';
    const blanked = blankXmpGps(xmp);
    expect(blanked).toHaveLength(xmp.length);
    expect(blanked).not.toMatch(/GPS/);
    expect(blanked).toContain('dc:creator="Ada"');
    expect(blanked).toContain('<photoshop:Credit>Diversidays</photoshop:Credit>');
  });
});
