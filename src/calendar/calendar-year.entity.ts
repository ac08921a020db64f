import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A year whose official schedule (the State Council's notice) an admin has entered into the override table
 * (`calendar_years`), for a year the bundled chinese-days does not cover yet: `knowsYear` is true from then on.
 */
@Entity('calendar_years')
export class CalendarYearRow {
  @PrimaryColumn({ type: 'smallint' })
  year!: number;

  /** Who entered it (null once the account is gone). */
  @Column({ type: 'uuid', nullable: true })
  enteredBy!: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
