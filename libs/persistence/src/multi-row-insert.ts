/**
 * Builds one parameterised multi-row VALUES list: a 500-row insert costs one round trip and one
 * commit instead of 500, which is what lets a consumer keep up on a two-core machine.
 */
export function valuesList(rowCount: number, columnCount: number, casts: string[] = []): string {
  const rows: string[] = [];
  for (let row = 0; row < rowCount; row += 1) {
    const cells: string[] = [];
    for (let column = 0; column < columnCount; column += 1) {
      const placeholder = `$${row * columnCount + column + 1}`;
      cells.push(casts[column] ? `${placeholder}::${casts[column]}` : placeholder);
    }

    rows.push(`(${cells.join(', ')})`);
  }

  return rows.join(', ');
}
