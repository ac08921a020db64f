import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CalendarOverrideKind } from './working-calendar';

/** One admin-edited day of the working calendar (`calendar_overrides`): wins over the official schedule. */
@Entity('calendar_overrides')
export class CalendarOverrideRow {
  /** YYYY-MM-DD */
  @PrimaryColumn({ type: 'date' })
  date!: string;

  @Column({ type: 'varchar', length: 10 })
  kind!: CalendarOverrideKind;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
