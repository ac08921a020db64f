import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * The leadership group office's own mailbox, per region: the office's mail goes here, not to whoever heads the
 * bureau that happens to host the office account.
 */
@Entity('office_mailboxes')
export class OfficeMailbox {
  @PrimaryColumn({ type: 'char', length: 6 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
